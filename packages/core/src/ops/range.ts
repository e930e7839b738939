import { makeTypedArray } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError } from '../errors.js';
import type { Tensor } from '../tensor.js';

/** [start, start + step, ...) up to but excluding `stop`; empty when the step points away from stop. */
export function range(start: number, stop: number, step = 1, dtype: 'float32' | 'int32' = 'float32'): Tensor {
  for (const [name, v] of [
    ['start', start],
    ['stop', stop],
    ['step', step],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ArgumentError(`range: ${name} must be a finite number, got ${String(v)}`);
  }
  if (step === 0) throw new ArgumentError('range: step must not be 0');
  if (dtype !== 'float32' && dtype !== 'int32') throw new DTypeError(`range: dtype must be float32 or int32, got ${String(dtype)}`);
  const count = Math.max(Math.ceil((stop - start) / step), 0);
  ENGINE.checkAllocation('range', [count], dtype);
  const values = makeTypedArray(dtype, count);
  for (let i = 0; i < count; i++) values[i] = start + i * step;
  return ENGINE.makeTensor(values, [count], dtype, 'range');
}
