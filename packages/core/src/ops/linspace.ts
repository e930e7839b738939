import { ENGINE } from '../engine.js';
import { ArgumentError } from '../errors.js';
import type { Tensor } from '../tensor.js';

/**
 * `num` evenly spaced float32 values from `start` to `stop`, both included, as TensorFlow.js's
 * linspace. Each value is start + i * step computed in float64 (TensorFlow.js adds step up in
 * float32, so its later values can differ in the last bits), and the last one is `stop` exactly.
 */
export function linspace(start: number, stop: number, num: number): Tensor {
  for (const [name, v] of [
    ['start', start],
    ['stop', stop],
  ] as const) {
    if (typeof v !== 'number' || Number.isNaN(v)) throw new ArgumentError(`linspace: ${name} must be a number, got ${String(v)}`);
  }
  if (!Number.isInteger(num) || num < 1) {
    throw new ArgumentError(`linspace: num must be a positive integer (the number of samples), got ${String(num)}`);
  }
  ENGINE.checkAllocation('linspace', [num], 'float32');
  const values = new Float32Array(num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) values[i] = start + i * step;
  if (num > 1) values[num - 1] = stop;
  return ENGINE.makeTensor(values, [num], 'float32', 'linspace');
}
