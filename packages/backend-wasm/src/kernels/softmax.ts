import { sizeFromShape, type KernelFn, type OutputInfo, type TensorInfo } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { SOFTMAX_PARAMS } from '../param-layouts.js';
import type { WasmData } from '../storage.js';
import { MIN_SOFTMAX_ELEMENTS_PER_THREAD } from './util/split.js';

/** Over the last axis; the row maximum is subtracted first so exp never overflows. */
export const softmax: KernelFn<'softmax', WasmBackend> = (backend, { x }, _attrs, out) => runSoftmax(backend, x, out, false);

export function runSoftmax(backend: WasmBackend, x: TensorInfo, out: OutputInfo, log: boolean): WasmData {
  const size = sizeFromShape(out.shape);
  const y = backend.allocData(size, 'float32');
  const d = out.shape[out.shape.length - 1];
  if (size === 0) return y;
  const p = backend.params(SOFTMAX_PARAMS, { log: log ? 1 : 0, x: backend.ptr(x), y: y.ptr, d });
  backend.run('softmax', p, size / d, Math.ceil(MIN_SOFTMAX_ELEMENTS_PER_THREAD / d));
  return y;
}
