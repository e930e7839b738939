import { ArgumentError, type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, idiv, kernelSource } from './util/source.js';

/**
 * Out-of-range indices throw, as on cpu, when the indices were written from the host (small
 * int32 uploads keep a host copy); indices computed on the GPU are not read back to check, and
 * an out-of-range one gives zeros there.
 */
export const gather: KernelFn<'gather', WebGlBackend> = (backend, { x, indices }, { axis }, out) => {
  const axisLen = x.shape[axis];
  const host = backend.entry(indices).host;
  if (host !== undefined) {
    for (let i = 0; i < host.length; i++) {
      const v = host[i];
      if (v < 0 || v >= axisLen) {
        throw new ArgumentError(
          `gather: index ${v} (at position ${i}) is out of range [0, ${axisLen}) for axis ${axis} of shape [${x.shape.join(', ')}]`,
        );
      }
    }
  }
  const inner = sizeFromShape(x.shape.slice(axis + 1));
  const count = sizeFromShape(indices.shape);
  return backend.run(
    {
      key: 'gather',
      source: () =>
        kernelSource(
          ['x', 'idx'],
          ['axisLen', 'count', 'inner'],
          `${OUT_INDEX}
const o = ${idiv('i', '(count * inner)')};
const r = i - o * count * inner;
const k = ${idiv('r', 'inner')};
const n = r - k * inner;
const v = idx[k];
if (v < 0 || v >= axisLen) { return 0.0; }
return x[(o * axisLen + v) * inner + n];`,
        ),
    },
    [x, indices],
    [axisLen, count, inner],
    sizeFromShape(out.shape),
    out.dtype,
  );
};
