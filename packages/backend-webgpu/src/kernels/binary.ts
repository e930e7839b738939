import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { binaryProgram, broadcastUniforms, collapseBroadcast } from '../shaders/elementwise.js';

export const binary: KernelFn<'binary', WebGpuBackend> = (backend, { a, b }, { op }, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.output(out);
  if (size === 0) return y.dataId;
  const c = collapseBroadcast(out.shape, [a.shape, b.shape]);
  const program = binaryProgram(op, a.dtype, out.dtype, c);
  backend.run(program, [y.buffer, backend.buffer(a), backend.buffer(b)], broadcastUniforms(size, c), linearGroups(size));
  return y.dataId;
};
