import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { unaryProgram } from '../shaders/elementwise.js';

export const unary: KernelFn<'unary', WebGpuBackend> = (backend, { x }, { op, alpha }, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.output(out);
  if (size > 0) backend.run(unaryProgram(op, x.dtype), [y.buffer, backend.buffer(x)], [size, alpha], linearGroups(size));
  return y.dataId;
};
