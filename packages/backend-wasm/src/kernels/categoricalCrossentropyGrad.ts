import { backendUtil, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

/** Core's shared loop over heap views, as categoricalCrossentropy. */
export const categoricalCrossentropyGrad: KernelFn<'categoricalCrossentropyGrad', WasmBackend> = (
  backend,
  { dy, yTrue, yPred },
  { epsilon },
  out,
) => {
  const dp = backend.allocData(sizeFromShape(out.shape), 'float32');
  const d = yPred.shape[yPred.shape.length - 1];
  backendUtil.categoricalCrossentropyGradInto(
    backend.floats(dy),
    backend.floats(yTrue),
    backend.floats(yPred),
    d,
    epsilon,
    backend.view(dp) as Float32Array,
  );
  return dp;
};
