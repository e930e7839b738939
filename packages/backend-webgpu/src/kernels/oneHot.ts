import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { bitsOf, linearGroups } from '../shaders/common.js';
import { oneHotProgram } from '../shaders/layout.js';

/** Out-of-range indices leave their row at offValue, as TensorFlow does. */
export const oneHot: KernelFn<'oneHot', WebGpuBackend> = (backend, { indices }, { depth, onValue, offValue, dtype }, out) => {
  const y = backend.output(out);
  const size = sizeFromShape(out.shape);
  if (size === 0) return y.dataId;
  const uniforms = [size, depth, bitsOf(onValue, dtype), bitsOf(offValue, dtype)];
  backend.run(oneHotProgram(), [y.buffer, backend.buffer(indices)], uniforms, linearGroups(size));
  return y.dataId;
};
