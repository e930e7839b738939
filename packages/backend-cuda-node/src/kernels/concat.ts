import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { sizeOf } from './util.js';

/** One copy per input into its column range of the output viewed as [outer, axis x inner]. */
export const concat: KernelFn<'concat', CudaBackend> = (backend, { xs }, { axis }, out) => {
  const y = backend.output(out);
  const outer = sizeOf(out.shape.slice(0, axis));
  const inner = sizeOf(out.shape.slice(axis + 1));
  const rowOut = out.shape[axis] * inner;
  let offset = 0;
  for (const x of xs) {
    const rowIn = x.shape[axis] * inner;
    if (rowIn > 0 && outer > 0) backend.run('concat', [backend.handle(x), y.handle], [outer, rowIn, rowOut, offset]);
    offset += rowIn;
  }
  return y;
};
