import { type KernelFn, sizeFromShape, uniformAt } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';

/**
 * Drawn on the host with core's counter-based generator and uploaded, so the numbers are
 * exactly the other backends'. (A shader version needs 32-bit unsigned integer math, which
 * WebGL2 has and WebGL1 lacks.)
 */
export const randomUniform: KernelFn<'randomUniform', WebGlBackend> = (backend, _inputs, { minval, maxval, seed, dtype }, out) => {
  const size = sizeFromShape(out.shape);
  const range = maxval - minval;
  if (dtype === 'int32') {
    const dst = new Int32Array(size);
    for (let i = 0; i < size; i++) dst[i] = Math.floor(minval + uniformAt(seed, i) * range);
    return backend.write(dst, 'int32');
  }
  const dst = new Float32Array(size);
  for (let i = 0; i < size; i++) dst[i] = minval + uniformAt(seed, i) * range;
  return backend.write(dst, 'float32');
};
