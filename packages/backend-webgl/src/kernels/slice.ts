import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, kernelSource, names, stridesOf, unravel } from './util/source.js';

export const slice: KernelFn<'slice', WebGlBackend> = (backend, { x }, { begin }, out) => {
  const rank = x.shape.length;
  const inStrides = stridesOf(x.shape);
  const offset = begin.reduce((acc, b, d) => acc + b * inStrides[d], 0);
  return backend.run(
    {
      key: `slice:${rank}`,
      source: () =>
        kernelSource(
          ['x'],
          ['offset', ...names('dim', rank), ...names('st', rank)],
          `${OUT_INDEX}\n${unravel('i', rank, 'c', 'dim')}\nreturn x[offset${names('c', rank)
            .map((c, d) => ` + ${c} * st${d}`)
            .join('')}];`,
        ),
    },
    [x],
    [offset, ...out.shape, ...inStrides],
    sizeFromShape(out.shape),
    out.dtype,
  );
};
