import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { broadcastUniforms, collapseBroadcast, selectProgram } from '../shaders/elementwise.js';

export const select: KernelFn<'select', WebGpuBackend> = (backend, { condition, a, b }, _attrs, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.output(out);
  if (size === 0) return y.dataId;
  const c = collapseBroadcast(out.shape, [condition.shape, a.shape, b.shape]);
  const buffers = [y.buffer, backend.buffer(condition), backend.buffer(a), backend.buffer(b)];
  backend.run(selectProgram(out.dtype, c), buffers, broadcastUniforms(size, c), linearGroups(size));
  return y.dataId;
};
