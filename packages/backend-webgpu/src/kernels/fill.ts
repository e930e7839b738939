import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { bitsOf, linearGroups } from '../shaders/common.js';
import { fillProgram } from '../shaders/elementwise.js';

export const fill: KernelFn<'fill', WebGpuBackend> = (backend, _inputs, { value, dtype }, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.output(out);
  if (size > 0) backend.run(fillProgram(), [y.buffer], [size, bitsOf(value, dtype)], linearGroups(size));
  return y.dataId;
};
