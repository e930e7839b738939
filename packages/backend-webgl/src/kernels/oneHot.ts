import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, idiv, kernelSource } from './util/source.js';

/** Out-of-range indices give a row of offValue. */
export const oneHot: KernelFn<'oneHot', WebGlBackend> = (backend, { indices }, { depth, onValue, offValue }, out) =>
  backend.run(
    {
      key: 'oneHot',
      source: () =>
        kernelSource(
          ['idx'],
          ['depth', 'on', 'off'],
          `${OUT_INDEX}\nconst k = ${idiv('i', 'depth')};\nconst d = i - k * depth;\nif (idx[k] == d) { return on; }\nreturn off;`,
        ),
    },
    [indices],
    [depth, onValue, offValue],
    sizeFromShape(out.shape),
    out.dtype,
  );
