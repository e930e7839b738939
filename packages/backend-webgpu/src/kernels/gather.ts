import { ArgumentError, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { gatherProgram } from '../shaders/layout.js';

/**
 * Out-of-range indices throw, as on the CPU backend, when the indices were uploaded from the
 * host (labels, lookups: the common case), whose copy the backend keeps. Indices computed on the
 * GPU cannot be checked without a readback; there an out-of-range index yields zeros.
 */
export const gather: KernelFn<'gather', WebGpuBackend> = (backend, { x, indices }, { axis }, out) => {
  const axisLen = x.shape[axis];
  const host = backend.hostInts(indices);
  if (host !== undefined) {
    const count = sizeFromShape(indices.shape);
    for (let i = 0; i < count; i++) {
      const v = host[i];
      if (v < 0 || v >= axisLen) {
        throw new ArgumentError(
          `gather: index ${v} (at position ${i}) is out of range [0, ${axisLen}) for axis ${axis} of shape [${x.shape.join(', ')}]`,
        );
      }
    }
  }
  const y = backend.output(out);
  const size = sizeFromShape(out.shape);
  if (size === 0) return y.dataId;
  const inner = sizeFromShape(x.shape.slice(axis + 1));
  const uniforms = [size, sizeFromShape(indices.shape), inner, axisLen];
  backend.run(gatherProgram(), [y.buffer, backend.buffer(x), backend.buffer(indices)], uniforms, linearGroups(size));
  return y.dataId;
};
