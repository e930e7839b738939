import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { broadcastIndexing, broadcastScalars, broadcastValues, collapseBroadcast } from './util/broadcast.js';
import { OUT_INDEX, kernelSource } from './util/source.js';

export const select: KernelFn<'select', WebGlBackend> = (backend, { condition, a, b }, _attrs, out) => {
  const c = collapseBroadcast(out.shape, [condition.shape, a.shape, b.shape]);
  const rank = c.shape.length;
  return backend.run(
    {
      key: `select:${rank}`,
      source: () =>
        kernelSource(
          ['xc', 'xa', 'xb'],
          broadcastScalars(rank, ['c', 'a', 'b']),
          `${OUT_INDEX}\n${broadcastIndexing(rank, ['c', 'a', 'b'])}\nif (xc[c_idx] != 0) { return xa[a_idx]; }\nreturn xb[b_idx];`,
        ),
    },
    [condition, a, b],
    broadcastValues(c),
    sizeFromShape(out.shape),
    out.dtype,
  );
};
