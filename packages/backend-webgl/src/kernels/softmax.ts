import { type DataId, type KernelFn, type OutputInfo, type TensorInfo, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, idiv, kernelSource } from './util/source.js';

const ROW_LSE = {
  key: 'softmax:lse',
  // log(sum(exp(x))) of each row, shifted by the row's max so that nothing overflows.
  source: () =>
    kernelSource(
      ['x'],
      ['n'],
      `const base = this.thread.x * n;
let m = x[base];
for (let k1 = 1; k1 < n; k1++) { m = Math.max(m, x[base + k1]); }
let s = 0.0;
for (let k2 = 0; k2 < n; k2++) { s = s + Math.exp(x[base + k2] - m); }
return m + Math.log(s);`,
    ),
};

/** Both kernels: per-row log-sum-exp, then `exp(x - lse)` (softmax) or `x - lse` (logSoftmax). */
export function softmaxLike(backend: WebGlBackend, x: TensorInfo, out: OutputInfo, log: boolean): DataId {
  const size = sizeFromShape(out.shape);
  const n = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1];
  if (size === 0) return backend.run(ROW_LSE, [], [], 0, out.dtype);
  const rows = size / n;
  const lse = backend.run(ROW_LSE, [x], [n], rows, 'float32');
  const result = backend.run(
    {
      key: `softmax:${log ? 'log' : 'exp'}`,
      source: () =>
        kernelSource(['x', 'lse'], ['n'], `${OUT_INDEX}\nconst v = x[i] - lse[${idiv('i', 'n')}];\nreturn ${log ? 'v' : 'Math.exp(v)'};`),
    },
    [x, { dataId: lse, shape: [rows], dtype: 'float32' }],
    [n],
    size,
    out.dtype,
  );
  backend.disposeData(lse);
  return result;
}

export const softmax: KernelFn<'softmax', WebGlBackend> = (backend, { x }, _attrs, out) => softmaxLike(backend, x, out, false);
