import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { wordOf } from './util.js';

export const pad: KernelFn<'pad', CudaBackend> = (backend, { x }, { paddings, constantValue }, out) => {
  const y = backend.output(out);
  const rank = x.shape.length;
  if (rank > 8) throw new Error(`pad: rank ${rank}; the cuda kernel takes at most 8`);
  backend.run(
    'pad',
    [backend.handle(x), y.handle],
    [rank, ...out.shape, ...x.shape, ...paddings.map((p) => p[0]), wordOf(constantValue, x.dtype)],
  );
  return y;
};
