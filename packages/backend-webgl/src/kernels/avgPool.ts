import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { poolProgram } from './maxPool.js';

const PROGRAM = poolProgram(true);

export const avgPool: KernelFn<'avgPool', WebGlBackend> = (backend, { x }, { filterSize, strides, pad }, out) => {
  const [, H, W] = x.shape;
  return backend.run(
    PROGRAM,
    [x],
    [...out.shape, H, W, filterSize[0], filterSize[1], strides[0], strides[1], pad.top, pad.left],
    sizeFromShape(out.shape),
    out.dtype,
  );
};
