import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, kernelSource, names, stridesOf, unravel } from './util/source.js';

export const pad: KernelFn<'pad', WebGlBackend> = (backend, { x }, { paddings, constantValue }, out) => {
  const rank = x.shape.length;
  const body = [OUT_INDEX, unravel('i', rank, 'c', 'dim'), 'let src = 0.0;'];
  for (let d = 0; d < rank; d++) {
    body.push(`const p${d} = c${d} - before${d};`, `if (p${d} < 0 || p${d} >= indim${d}) { return value; }`, `src = src + p${d} * st${d};`);
  }
  body.push('return x[src];');
  return backend.run(
    {
      key: `pad:${rank}`,
      source: () =>
        kernelSource(
          ['x'],
          ['value', ...names('dim', rank), ...names('before', rank), ...names('indim', rank), ...names('st', rank)],
          body.join('\n'),
        ),
    },
    [x],
    [constantValue, ...out.shape, ...paddings.map((p) => p[0]), ...x.shape, ...stridesOf(x.shape)],
    sizeFromShape(out.shape),
    out.dtype,
  );
};
