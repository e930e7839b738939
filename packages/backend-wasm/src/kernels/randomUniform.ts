import { sizeFromShape, uniformAt, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

/**
 * Element i is f(seed, i) from core's counter-based generator, evaluated here in TypeScript so
 * the draws are bit-identical to every other backend's; int32 draws floor(minval + u * range).
 */
export const randomUniform: KernelFn<'randomUniform', WasmBackend> = (backend, _inputs, { minval, maxval, seed, dtype }, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.allocData(size, dtype);
  const dst = backend.view(y);
  const range = maxval - minval;
  if (dtype === 'int32') {
    for (let i = 0; i < size; i++) dst[i] = Math.floor(minval + uniformAt(seed, i) * range);
  } else {
    for (let i = 0; i < size; i++) dst[i] = minval + uniformAt(seed, i) * range;
  }
  return y;
};
