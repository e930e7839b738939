import { backendUtil, type KernelFn, type ReduceOp, type TensorInfo, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { withOp } from './util/math.js';
import { OUT_INDEX, idiv, kernelSource } from './util/source.js';
import { transpose } from './transpose.js';

// Accumulation: initial value and the GLSL step from `acc` and `v`. max and min propagate NaN,
// as Math.max and Math.min do.
const FOLD: Readonly<Record<Exclude<ReduceOp, 'argMax' | 'argMin'>, [number, string]>> = {
  sum: [0, 'acc + v'],
  mean: [0, 'acc + v'],
  prod: [1, 'acc * v'],
  max: [Number.NEGATIVE_INFINITY, '(acc != acc || v != v) ? nan_() : max(acc, v)'],
  min: [Number.POSITIVE_INFINITY, '(acc != acc || v != v) ? nan_() : min(acc, v)'],
};

const LAYOUT = `${OUT_INDEX}\nconst o = ${idiv('i', 'inner')};\nconst n = i - o * inner;\nconst base = o * r * inner + n;`;

/** x seen as [outer, r, inner] (transposed first where the axes are not contiguous). */
export const reduce: KernelFn<'reduce', WebGlBackend> = (backend, { x }, { op, axes }, out) => {
  const layout = backendUtil.reduceLayout(x.shape, axes);
  let src: TensorInfo = x;
  if (layout.perm !== undefined) {
    const perm = layout.perm;
    const id = transpose(backend, { x }, { perm }, { shape: perm.map((p) => x.shape[p]), dtype: x.dtype });
    src = { dataId: id, shape: perm.map((p) => x.shape[p]), dtype: x.dtype };
  }
  const { reduced, inner } = layout;
  const size = sizeFromShape(out.shape);
  let result: ReturnType<typeof backend.run>;
  if (op === 'argMax' || op === 'argMin') {
    const cmp = op === 'argMax' ? '>' : '<';
    result = backend.run(
      {
        key: `reduce:${op}`,
        source: () =>
          kernelSource(
            ['x'],
            ['r', 'inner'],
            `${LAYOUT}\nlet best = x[base];\nlet bi = 0.0;\nfor (let k = 1; k < r; k++) {\nconst v = x[base + k * inner];\nif (v ${cmp} best) { best = v; bi = k + 0.0; }\n}\nreturn bi;`,
          ),
      },
      [src],
      [reduced, inner],
      size,
      out.dtype,
    );
  } else {
    const [init, step] = FOLD[op];
    const mean = op === 'mean';
    result = backend.run(
      {
        key: `reduce:${op}`,
        source: () =>
          kernelSource(
            ['x'],
            ['r', 'inner', 'init'],
            `${LAYOUT}\nlet acc = init;\nfor (let k = 0; k < r; k++) { acc = op_(acc, x[base + k * inner]); }\nreturn ${mean ? 'acc / r' : 'acc'};`,
          ),
        natives: () => withOp('float acc, float v', step),
      },
      [src],
      [reduced, inner, init],
      size,
      out.dtype,
    );
  }
  if (src !== x) backend.disposeData(src.dataId);
  return result;
};
