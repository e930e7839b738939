import { normalAt, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

/** Core's counter-based Box–Muller, evaluated in TypeScript so every backend draws the same numbers. */
export const randomNormal: KernelFn<'randomNormal', WasmBackend> = (backend, _inputs, { mean, stddev, seed }, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.allocData(size, 'float32');
  const dst = backend.view(y);
  for (let i = 0; i < size; i++) dst[i] = mean + stddev * normalAt(seed, i);
  return y;
};
