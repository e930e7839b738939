import { sizeFromShape, stridesOf, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { collapseStrided, gatherStridedProgram } from '../shaders/layout.js';

export const slice: KernelFn<'slice', WebGpuBackend> = (backend, { x }, { begin, size }, out) => {
  const y = backend.output(out);
  const total = sizeFromShape(size);
  if (total === 0) return y.dataId;
  const strides = stridesOf(x.shape);
  const offset = begin.reduce((s, b, d) => s + b * strides[d], 0);
  const c = collapseStrided([...size], strides);
  backend.run(
    gatherStridedProgram(c.dims.length),
    [y.buffer, backend.buffer(x)],
    [total, offset, ...c.dims, ...c.strides],
    linearGroups(total),
  );
  return y.dataId;
};
