// The composed indexing ops (tile, reverse, stridedSlice, mirrorPad, gatherND, scatterND, eye,
// linspace, outerProduct, einsum, print) against TensorFlow.js 4.22 itself: the host-side
// argument handling (stridedSlice's five masks, einsum's equation rules) over many generated
// inputs, where TF.js throwing means Tensile must throw too, and values (plus gradients where
// TF.js has them) on fixed ones.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import * as ts from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import '../../src/index.js';

let seed = 987654;
function rand(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
const randInt = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const values = (n: number): Float32Array => Float32Array.from({ length: n }, () => Math.fround(rand() * 2 - 1));

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-5, what = ''): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    expect(Math.abs(got[i] - want[i]), `${what} at ${i}`).toBeLessThanOrEqual(tol * (1 + Math.abs(want[i])));
}

/** Same inputs to both libraries: same shape and values out, or both throw. Returns whether TF.js threw. */
async function same(
  shapes: readonly (readonly number[])[],
  ours: (xs: ts.Tensor[]) => ts.Tensor,
  theirs: (xs: tf.Tensor[]) => tf.Tensor,
  what: string,
  grads = false,
): Promise<boolean> {
  const vals = shapes.map((s) => values(size(s)));
  const tfXs = vals.map((v, i) => tf.tensor(v, [...shapes[i]]));
  const xs = vals.map((v, i) => ts.tensor(v, shapes[i]));
  try {
    let want: tf.Tensor;
    try {
      want = theirs(tfXs);
    } catch {
      expect(() => ours(xs), `${what}: TF.js throws, so should Tensile`).toThrow(ts.TensileError);
      return true;
    }
    const got = ours(xs);
    expect(got.shape, what).toEqual(want.shape);
    expectClose(await got.data(), await want.data(), 1e-5, what);
    if (grads && want.size > 0) {
      const w = values(want.size);
      const tfG = tf.grads((...a: tf.Tensor[]) => tf.sum(tf.mul(theirs(a), tf.tensor(w, want.shape))))(tfXs);
      const g = ts.grads((...a: ts.Tensor[]) => ts.sum(ts.mul(ours(a), ts.tensor(w, got.shape))))(xs);
      for (let i = 0; i < g.length; i++) expectClose(await g[i].data(), await tfG[i].data());
      ts.dispose(g);
      tf.dispose(tfG);
    }
    ts.dispose(got);
    tf.dispose(want);
    return false;
  } finally {
    ts.dispose(xs);
    tf.dispose(tfXs);
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await ts.ready();
});

/** stridedSlice's arguments after x: begin, end, strides and the five masks. */
type StridedSliceArgs = readonly [readonly number[], readonly number[], readonly number[], number, number, number, number, number];

/**
 * What TF.js's own argument parser (slice_util.sliceInfo) says a strided slice takes, read out of
 * `x` with a plain loop: element k on dense axis j is begin[j] + k * strides[j].
 */
function sliceBySliceInfo(x: Float32Array, shape: number[], args: StridedSliceArgs): { shape: number[]; values: number[] } {
  const [begin, end, strides, ...masks] = args;
  const info = tf.slice_util.sliceInfo(shape, [...begin], [...end], [...strides], ...masks);
  const sizes = info.begin.map((b, j) => {
    const span = info.end[j] - b;
    const st = info.strides[j];
    return span === 0 || span < 0 !== st < 0 ? 0 : Math.ceil(span / st);
  });
  const xStrides = shape.map((_, j) => size(shape.slice(j + 1)));
  const values: number[] = [];
  for (let i = 0; i < size(sizes); i++) {
    let rest = i;
    let flat = 0;
    for (let j = sizes.length - 1; j >= 0; j--) {
      const k = rest % sizes[j];
      rest = Math.floor(rest / sizes[j]);
      flat += (info.begin[j] + k * info.strides[j]) * xStrides[j];
    }
    values.push(x[flat]);
  }
  return { shape: info.finalShape, values };
}

describe('stridedSlice masks vs TF.js', () => {
  // Two oracles: TF.js's parser (slice_util.sliceInfo) with a plain loop, for every slice; and
  // tf.stridedSlice itself where no axis is shrunk. With shrinkAxisMask and a non-unit stride,
  // TF.js 4.22's cpu kernel indexes the input with the shrunk output's coordinates and returns
  // wrong elements (x[..., ::3, -1] on [5, 4, 4] gives x[:, 0, 0] rather than x[:, 0, 3]); and
  // x[-1:-3] (empty, begin after end) throws there rather than giving an empty tensor.
  it('agrees on 400 generated slices (begin, end, strides and every mask)', async () => {
    let threw = 0;
    for (let n = 0; n < 400; n++) {
      const shape = Array.from({ length: randInt(1, 4) }, () => randInt(1, 5));
      const entries = randInt(1, shape.length + 1);
      const begin = Array.from({ length: entries }, () => randInt(-6, 6));
      const end = Array.from({ length: entries }, () => randInt(-6, 6));
      const strides = Array.from({ length: entries }, () => (rand() < 0.5 ? 1 : randInt(1, 3) * (rand() < 0.5 ? -1 : 1)));
      const mask = (p: number): number => {
        let m = 0;
        for (let i = 0; i < entries; i++) if (rand() < p) m |= 1 << i;
        return m;
      };
      const beginMask = mask(0.3);
      const endMask = mask(0.3);
      const ellipsisMask = rand() < 0.3 ? 1 << randInt(0, entries - 1) : 0;
      const newAxisMask = mask(0.15) & ~ellipsisMask;
      const shrinkAxisMask = mask(0.2) & ~ellipsisMask & ~newAxisMask;
      const args = [begin, end, strides, beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask] as const;
      const what = `stridedSlice ${JSON.stringify(shape)} ${JSON.stringify(args)}`;
      const x = values(size(shape));
      let want: { shape: number[]; values: number[] } | undefined;
      try {
        want = sliceBySliceInfo(x, shape, args);
      } catch {
        want = undefined;
      }
      const xt = ts.tensor(x, shape);
      if (want === undefined) {
        threw++;
        expect(() => ts.stridedSlice(xt, ...args), `${what}: TF.js throws, so should Tensile`).toThrow(ts.TensileError);
      } else {
        const got = ts.stridedSlice(xt, ...args);
        expect(got.shape, what).toEqual(want.shape);
        expectClose(await got.data(), want.values, 0, what);
        got.dispose();
        // TF.js's kernel also throws on some empty slices (a negative size reaches its slice)
        if (shrinkAxisMask === 0 && want.values.length > 0) {
          await same(
            [shape],
            ([t]) => ts.stridedSlice(t, ...args),
            ([t]) => tf.stridedSlice(t, ...args),
            what,
          );
        }
      }
      xt.dispose();
    }
    // most generated slices must be valid, or the agreement above says little
    expect(threw).toBeLessThan(200);
  });
});

describe('einsum equations vs TF.js', () => {
  const sizes: Record<string, number> = { a: 2, b: 3, c: 4, d: 2, e: 3 };
  const cases = [
    'ab,bc->ac',
    'abc,acd->abd',
    'ab->ba',
    'ab->',
    'a,b->ab',
    'a,a->',
    'ab,b->a',
    'abc,cd->dab',
    'abc->cb',
    'ab,ab->ab',
    'ab,ab->',
    'ab,ba->a',
  ];
  // TF.js 4.22 registers no gradient for Einsum, so only values are compared (the conformance
  // suite checks einsum's gradient by finite differences). Left out: 'ab,cd->cb' (a label summed
  // in one operand only), for which TF.js returns shape [4, 1, 2] instead of [4, 3]; the
  // conformance suite checks that kind against a direct sum.
  for (const eq of cases) {
    it(`'${eq}' gives TF.js's values`, async () => {
      const terms = eq.split('->')[0].split(',');
      const shapes = terms.map((t) => [...t].map((c) => sizes[c]));
      expect(
        await same(
          shapes,
          (xs) => ts.einsum(eq, ...xs),
          (xs) => tf.einsum(eq, ...xs),
          eq,
        ),
      ).toBe(false);
    });
  }
  it('rejects what TF.js rejects', async () => {
    for (const [eq, shapes] of [
      [
        'ab,bc',
        [
          [2, 3],
          [3, 4],
        ],
      ],
      ['ab->ab->ab', [[2, 3]]],
      ['...ab->ab', [[2, 3]]],
      ['a,a,a->', [[2], [2], [2]]],
      ['aa->a', [[2, 2]]],
      ['ab->c', [[2, 3]]],
      [
        'ab,bc->ac',
        [
          [2, 3],
          [4, 4],
        ],
      ],
      ['ab,bc->ac', [[2, 3]]],
    ] as const) {
      expect(
        await same(
          shapes,
          (xs) => ts.einsum(eq, ...xs),
          (xs) => tf.einsum(eq, ...xs),
          eq,
        ),
      ).toBe(true);
    }
  });
});

describe('the other composed ops vs TF.js', () => {
  it('tile, with gradients', async () => {
    for (const [shape, reps] of [
      [[3], [2]],
      [
        [2, 3],
        [2, 1],
      ],
      [
        [2, 1, 3],
        [1, 3, 2],
      ],
    ] as const) {
      expect(
        await same(
          [shape],
          ([x]) => ts.tile(x, reps),
          ([x]) => tf.tile(x, [...reps]),
          `tile ${reps}`,
          true,
        ),
      ).toBe(false);
    }
    expect(
      await same(
        [[2, 3]],
        ([x]) => ts.tile(x, [2]),
        ([x]) => tf.tile(x, [2]),
        'tile short reps',
      ),
    ).toBe(true);
  });

  it('reverse, with gradients', async () => {
    for (const axis of [undefined, 0, -1, [0, 2]] as const) {
      const a = axis === undefined ? undefined : typeof axis === 'number' ? axis : [...axis];
      expect(
        await same(
          [[2, 3, 4]],
          ([x]) => ts.reverse(x, a),
          ([x]) => tf.reverse(x, a),
          `reverse ${String(axis)}`,
          true,
        ),
      ).toBe(false);
    }
  });

  // Values only: TF.js 4.22's mirrorPad gradient slices the centre of dy and drops what the
  // mirrored border contributed; ours adds it (the conformance suite checks it by finite differences).
  it('mirrorPad, both modes', async () => {
    for (const mode of ['reflect', 'symmetric'] as const) {
      const p: [number, number][] = [
        [1, 2],
        [2, 0],
      ];
      expect(
        await same(
          [[3, 4]],
          ([x]) => ts.mirrorPad(x, p, mode),
          ([x]) => tf.mirrorPad(x, p, mode),
          `mirrorPad ${mode}`,
        ),
      ).toBe(false);
      const tooWide: [number, number][] = [
        [4, 0],
        [0, 0],
      ];
      expect(
        await same(
          [[3, 4]],
          ([x]) => ts.mirrorPad(x, tooWide, mode),
          ([x]) => tf.mirrorPad(x, tooWide, mode),
          'too wide',
        ),
      ).toBe(true);
    }
  });

  it('gatherND and scatterND', async () => {
    const idx = [
      [1, 2],
      [0, 0],
      [2, 3],
      [1, 2],
    ];
    expect(
      await same(
        [[3, 4, 2]],
        ([x]) => ts.gatherND(x, ts.tensor(idx, undefined, 'int32')),
        ([x]) => tf.gatherND(x, tf.tensor(idx, undefined, 'int32')),
        'gatherND',
      ),
    ).toBe(false);
    expect(
      await same(
        [[4, 2]],
        ([u]) => ts.scatterND(ts.tensor(idx, undefined, 'int32'), u, [3, 4, 2]),
        ([u]) => tf.scatterND(tf.tensor(idx, undefined, 'int32'), u, [3, 4, 2]),
        'scatterND',
      ),
    ).toBe(false);
    expect(
      await same(
        [[3, 2]],
        ([u]) => ts.scatterND(ts.tensor([3, 0, 3], undefined, 'int32'), u, [5, 2]),
        ([u]) => tf.scatterND(tf.tensor([3, 0, 3], undefined, 'int32'), u, [5, 2]),
        'scatterND 1-D indices',
      ),
    ).toBe(false);
  });

  it('gatherND with an index out of range names the op and the index', () => {
    const x = ts.tensor([
      [1, 2],
      [3, 4],
    ]);
    const before = undisposedTensors();
    expect(() => ts.gatherND(x, [[0, 2]])).toThrow(/gatherND: index \[0, 2\] \(row 0 of indices\) is out of range for \[2, 2\]/);
    expect(() => ts.scatterND([[5]], [1], [3])).toThrow(/scatterND: index \[5\]/);
    expect(undisposedTensors()).toBe(before);
    x.dispose();
  });

  it('eye, linspace and outerProduct', async () => {
    for (const [r, c, b] of [
      [3, undefined, undefined],
      [2, 4, [3]],
      [4, 2, [2, 2]],
    ] as const) {
      const ours = ts.eye(r, c, b === undefined ? undefined : [...b]);
      const theirs = tf.eye(r, c, b === undefined ? undefined : ([...b] as [number]));
      expect(ours.shape).toEqual(theirs.shape);
      expectClose(await ours.data(), await theirs.data(), 0);
      ts.dispose(ours);
      tf.dispose(theirs);
    }
    for (const [start, stop, num] of [
      [0, 1, 5],
      [3, -2.5, 12],
      [7, 9, 1],
    ] as const) {
      const ours = ts.linspace(start, stop, num);
      const theirs = tf.linspace(start, stop, num);
      expectClose(await ours.data(), await theirs.data(), 1e-6);
      ts.dispose(ours);
      tf.dispose(theirs);
    }
    expect(
      await same(
        [[3], [4]],
        ([a, b]) => ts.outerProduct(a, b),
        ([a, b]) => tf.outerProduct(a as tf.Tensor1D, b as tf.Tensor1D),
        'outer',
        true,
      ),
    ).toBe(false);
  });
});

describe('print vs TF.js toString', () => {
  afterEach(() => vi.restoreAllMocks());
  it('logs the text TF.js logs, long axes elided, verbose or not', async () => {
    const shapes = [[], [4], [25], [3, 4], [2, 3, 2], [22, 2], [2, 2, 2, 2]];
    for (const shape of shapes) {
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        const n = size(shape);
        const v = Array.from({ length: n }, (_, i) =>
          dtype === 'bool' ? Number(i % 3 === 0) : dtype === 'int32' ? ((i * 37) % 101) - 50 : Math.fround(Math.sin(i) * 10 ** (i % 4)),
        );
        const theirs = tf.tensor(v, shape, dtype);
        const ours = ts.tensor(v, shape, dtype);
        for (const verbose of [false, true]) {
          const logged: unknown[] = [];
          vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(...args));
          await ts.print(ours, verbose);
          vi.restoreAllMocks();
          expect(logged, `${dtype} ${JSON.stringify(shape)}`).toEqual([theirs.toString(verbose)]);
        }
        ts.dispose(ours);
        tf.dispose(theirs);
      }
    }
  });
});
