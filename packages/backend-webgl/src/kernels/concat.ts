import { type DataId, type KernelFn, type TensorInfo, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, idiv, kernelSource } from './util/source.js';

const PAIR = {
  key: 'concat:pair',
  // Rows of width wa from `a` then wb from `b`: the two inputs seen as [outer, axis * inner].
  source: () =>
    kernelSource(
      ['a', 'b'],
      ['wa', 'wb'],
      `${OUT_INDEX}\nconst o = ${idiv('i', '(wa + wb)')};\nconst j = i - o * (wa + wb);\nif (j < wa) { return a[o * wa + j]; }\nreturn b[o * wb + j - wa];`,
    ),
};

/** Folds the inputs pairwise, left to right; the intermediate results are freed as it goes. */
export const concat: KernelFn<'concat', WebGlBackend> = (backend, { xs }, { axis }, out) => {
  const outer = sizeFromShape(out.shape.slice(0, axis));
  const inner = sizeFromShape(out.shape.slice(axis + 1));
  const parts = xs.filter((x) => sizeFromShape(x.shape) > 0);
  if (parts.length === 0 || outer === 0) return backend.run(PAIR, [], [0, 0], 0, out.dtype);
  let acc: TensorInfo = parts[0];
  let width = parts[0].shape[axis] * inner;
  if (parts.length === 1) return backend.run(PAIR, [acc, acc], [width, 0], sizeFromShape(out.shape), out.dtype);
  let owned: DataId | null = null;
  for (let k = 1; k < parts.length; k++) {
    const w = parts[k].shape[axis] * inner;
    const id = backend.run(PAIR, [acc, parts[k]], [width, w], outer * (width + w), out.dtype);
    if (owned !== null) backend.disposeData(owned);
    owned = id;
    width += w;
    acc = { dataId: id, shape: [outer, width], dtype: out.dtype };
  }
  return acc.dataId;
};
