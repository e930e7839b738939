import { sizeFromShape, stridesOf, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { collapseStrided, scatterStridedProgram } from '../shaders/layout.js';

/** One dispatch per input, scattering it into its block of the output. */
export const concat: KernelFn<'concat', WebGpuBackend> = (backend, { xs }, { axis }, out) => {
  const y = backend.output(out);
  const outStrides = stridesOf(out.shape);
  let offset = 0;
  for (const t of xs) {
    const size = sizeFromShape(t.shape);
    if (size > 0) {
      const c = collapseStrided([...t.shape], outStrides);
      backend.run(
        scatterStridedProgram(c.dims.length),
        [y.buffer, backend.buffer(t)],
        [size, offset, ...c.dims, ...c.strides],
        linearGroups(size),
      );
    }
    offset += t.shape[axis] * outStrides[axis];
  }
  return y.dataId;
};
