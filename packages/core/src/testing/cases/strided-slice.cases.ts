/**
 * `stridedSlice`: each mask, negative bounds and strides, clamping, on every dtype. Each config
 * says, worked out by hand with NumPy's slicing rules, which elements it takes per input axis
 * and the output shape; the parsing itself is also checked against TensorFlow.js in
 * backend-cpu's tests.
 */
import { DTYPES } from '../../dtype.js';
import { ArgumentError, ShapeError } from '../../errors.js';
import { stridedSlice } from '../../ops/index.js';
import { expectThrows, Rng, type CaseDef } from '../harness.js';
import { stridedRef } from '../reference/indexing.js';
import { gradCase } from './grad-util.js';
import { checkOp } from './op-util.js';
import { valuesOf } from './transpose.cases.js';

interface Config {
  readonly what: string;
  readonly shape: readonly number[];
  readonly args: readonly [number[], number[], number[] | undefined, number?, number?, number?, number?, number?];
  /** [begin, size, stride] per input axis. */
  readonly axes: readonly (readonly [number, number, number])[];
  readonly out: readonly number[];
}

const CONFIGS: readonly Config[] = [
  { what: 'x[1:5:2]', shape: [7], args: [[1], [5], [2]], axes: [[1, 2, 2]], out: [2] },
  { what: 'x[::-1] (masks)', shape: [6], args: [[0], [0], [-1], 1, 1], axes: [[5, 6, -1]], out: [6] },
  {
    what: 'x[-2:-5:-1, 1:]',
    shape: [6, 4],
    args: [
      [-2, 1],
      [-5, 9],
      [-1, 1],
    ],
    axes: [
      [4, 3, -1],
      [1, 3, 1],
    ],
    out: [3, 3],
  },
  {
    what: 'x[1] (shrink), rest whole',
    shape: [3, 4, 2],
    args: [[1], [2], [1], 0, 0, 0, 0, 1],
    axes: [
      [1, 1, 1],
      [0, 4, 1],
      [0, 2, 1],
    ],
    out: [4, 2],
  },
  {
    what: 'x[..., 1:3]',
    shape: [2, 3, 5],
    args: [[0, 1], [0, 3], [1, 1], 0, 0, 1],
    axes: [
      [0, 2, 1],
      [0, 3, 1],
      [1, 2, 1],
    ],
    out: [2, 3, 2],
  },
  {
    what: 'x[newaxis, :, ::3]',
    shape: [4, 7],
    args: [[0, 0, 0], [0, 0, 0], [1, 1, 3], 0b110, 0b110, 0, 0b001],
    axes: [
      [0, 4, 1],
      [0, 3, 3],
    ],
    out: [1, 4, 3],
  },
  {
    what: 'x[:, -1] (shrink, negative)',
    shape: [3, 5],
    args: [[0, -1], [0, 0], [1, 1], 1, 1, 0, 0, 2],
    axes: [
      [0, 3, 1],
      [4, 1, 1],
    ],
    out: [3],
  },
  { what: 'x[0:100:3] (clamped)', shape: [8], args: [[-100], [100], [3]], axes: [[0, 3, 3]], out: [3] },
  {
    what: 'x[1:, ..., ::-2, newaxis]',
    shape: [3, 2, 2, 5],
    args: [[1, 0, 0, 0], [0, 0, 0, 0], [1, 1, -2, 1], 0b0100, 0b0101, 0b0010, 0b1000],
    axes: [
      [1, 2, 1],
      [0, 2, 1],
      [0, 2, 1],
      [4, 3, -2],
    ],
    out: [2, 2, 2, 3, 1],
  },
  {
    what: 'x[3:1] (empty)',
    shape: [5, 2],
    args: [[3], [1], [1]],
    axes: [
      [3, 0, 1],
      [0, 2, 1],
    ],
    out: [0, 2],
  },
];

export const stridedSliceCases: CaseDef[] = [
  {
    group: 'stridedSlice',
    name: 'masks, negative strides, clamping, every dtype; misuse',
    run: async (ctx) => {
      const rng = new Rng('stridedSlice');
      for (const dtype of DTYPES) {
        for (const c of CONFIGS) {
          const x = valuesOf(rng, c.shape, dtype);
          const axes = c.axes.map(([begin, size, stride]) => ({ begin, size, stride }));
          await checkOp(
            `stridedSlice ${dtype} ${c.what}`,
            [[x, dtype]],
            (t) => stridedSlice(t, ...c.args),
            stridedRef(x, axes, c.out),
            dtype,
            ctx.tol,
          );
        }
      }
      expectThrows('stridedSlice zero stride', () => stridedSlice([1, 2, 3], [0], [3], [0]), ArgumentError, 'stridedSlice');
      expectThrows(
        'stridedSlice two ellipses',
        () => stridedSlice([[1, 2]], [0, 0], [1, 1], [1, 1], 0, 0, 0b11),
        ArgumentError,
        'stridedSlice',
      );
      expectThrows(
        'stridedSlice shrink out of range',
        () => stridedSlice([1, 2, 3], [3], [4], [1], 0, 0, 0, 0, 1),
        ShapeError,
        'stridedSlice',
      );
      expectThrows('stridedSlice too many axes', () => stridedSlice([1, 2, 3], [0, 0], [1, 1]), ShapeError, 'stridedSlice');
    },
  },
  gradCase('stridedSlice', 'gradient x[3:0:-2, ::2]', {
    inputs: (rng) => [rng.floats([5, 5])],
    f: ([x]) => stridedSlice(x, [3, 0], [0, 0], [-2, 2], 0b10, 0b10),
  }),
];
