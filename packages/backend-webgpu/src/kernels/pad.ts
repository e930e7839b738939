import { sizeFromShape, stridesOf, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { bitsOf, linearGroups } from '../shaders/common.js';
import { padProgram } from '../shaders/layout.js';

export const pad: KernelFn<'pad', WebGpuBackend> = (backend, { x }, { paddings, constantValue }, out) => {
  const y = backend.output(out);
  const size = sizeFromShape(out.shape);
  if (size === 0) return y.dataId;
  const rank = x.shape.length;
  const uniforms = [size, bitsOf(constantValue, out.dtype), ...out.shape, ...paddings.map((p) => p[0]), ...x.shape, ...stridesOf(x.shape)];
  backend.run(padProgram(rank), [y.buffer, backend.buffer(x)], uniforms, linearGroups(size));
  return y.dataId;
};
