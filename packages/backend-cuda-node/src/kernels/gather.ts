import { ArgumentError, type KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { sizeOf } from './util.js';

/**
 * Out-of-range indices throw, as on every backend, so a bad label never trains silently. Indices
 * written from the host are checked against their host copy; indices computed on the device are
 * read back first (a wait for the stream, paid only on that path).
 */
export const gather: KernelFn<'gather', CudaBackend> = (backend, { x, indices }, { axis }, out) => {
  const axisLen = x.shape[axis];
  const count = sizeOf(indices.shape);
  const idx = backend.readInts(indices);
  for (let i = 0; i < count; i++) {
    const v = idx[i];
    if (v < 0 || v >= axisLen) {
      throw new ArgumentError(
        `gather: index ${v} (at position ${i}) is out of range [0, ${axisLen}) for axis ${axis} of shape [${x.shape.join(', ')}]`,
      );
    }
  }
  const y = backend.output(out);
  const outer = sizeOf(x.shape.slice(0, axis));
  const inner = sizeOf(x.shape.slice(axis + 1));
  backend.run('gather', [backend.handle(x), backend.handle(indices), y.handle], [outer, axisLen, inner, count]);
  return y;
};
