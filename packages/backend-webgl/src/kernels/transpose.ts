import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, kernelSource, names, stridesOf, unravel } from './util/source.js';

export const transpose: KernelFn<'transpose', WebGlBackend> = (backend, { x }, { perm }, out) => {
  const rank = perm.length;
  const inStrides = stridesOf(x.shape);
  const dims = names('dim', rank);
  const st = names('st', rank);
  return backend.run(
    {
      key: `transpose:${rank}`,
      source: () =>
        kernelSource(
          ['x'],
          [...dims, ...st],
          `${OUT_INDEX}\n${unravel('i', rank, 'c', 'dim')}\nreturn x[${
            rank === 0
              ? 'i'
              : names('c', rank)
                  .map((c, d) => `${c} * st${d}`)
                  .join(' + ')
          }];`,
        ),
    },
    [x],
    [...out.shape, ...perm.map((p) => inStrides[p])],
    sizeFromShape(out.shape),
    out.dtype,
  );
};
