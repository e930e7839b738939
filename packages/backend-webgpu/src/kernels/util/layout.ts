import { stridesOf, type Shape } from '@tensile/core';
import type { WebGpuBackend } from '../../backend.js';
import { linearGroups } from '../../shaders/common.js';
import { collapseStrided, gatherStridedProgram } from '../../shaders/layout.js';

/** Records y = x (of `shape`) with its dimensions reordered by `perm`, into buffer `y`. */
export function permuteInto(backend: WebGpuBackend, x: GPUBuffer, shape: Shape, perm: readonly number[], y: GPUBuffer): void {
  const inStrides = stridesOf(shape);
  const c = collapseStrided(
    perm.map((p) => shape[p]),
    perm.map((p) => inStrides[p]),
  );
  const size = c.dims.reduce((p, d) => p * d, 1);
  if (shape.some((d) => d === 0)) return;
  backend.run(gatherStridedProgram(c.dims.length), [y, x], [size, 0, ...c.dims, ...c.strides], linearGroups(size));
}
