import { backendUtil, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

/**
 * Core's shared loop over heap views: the loss takes one row per sample of a few classes, where a
 * call into wasm would cost more than the loop.
 */
export const categoricalCrossentropy: KernelFn<'categoricalCrossentropy', WasmBackend> = (backend, { yTrue, yPred }, { epsilon }, out) => {
  const loss = backend.allocData(sizeFromShape(out.shape), 'float32');
  const d = yPred.shape[yPred.shape.length - 1];
  // Views after the allocation, which may grow the heap and detach older ones.
  backendUtil.categoricalCrossentropyInto(backend.floats(yTrue), backend.floats(yPred), d, epsilon, backend.view(loss) as Float32Array);
  return loss;
};
