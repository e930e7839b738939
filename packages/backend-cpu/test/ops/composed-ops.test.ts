import {
  ArgumentError,
  DTypeError,
  ShapeError,
  all,
  any,
  atan2,
  cumprod,
  cumsum,
  dropout,
  erf,
  ready,
  tensor,
  topk,
  unique,
  type Tensor,
} from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../src/index.js';

beforeAll(() => ready());

/** erf in float64 by its Maclaurin series (|x| < 4; ±1 beyond, off by < 1.6e-8). */
function erf64(x: number): number {
  if (Math.abs(x) >= 4) return Math.sign(x);
  let term = x;
  let total = x;
  for (let n = 1; n < 100; n++) {
    term *= (-x * x) / n;
    total += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * total;
}

async function worstError(y: Tensor, want: (i: number) => number): Promise<number> {
  const got = await y.data();
  let worst = 0;
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - want(i)));
  y.dispose();
  return worst;
}

describe('accuracy of the composed special functions (float32 on cpu)', () => {
  it('erf is within 4e-7 of the float64 value on a dense grid over [-6, 6], and within 1e-6 relative near 0', async () => {
    const xs = Float32Array.from({ length: 24001 }, (_, i) => -6 + i * 5e-4);
    expect(await worstError(erf(tensor(xs)), (i) => erf64(xs[i]))).toBeLessThan(4e-7);
    const tiny = Float32Array.from({ length: 200 }, (_, i) => (i % 2 ? -1 : 1) * 10 ** (-8 + i * 0.04));
    const got = await erf(tensor(tiny)).data();
    for (let i = 0; i < tiny.length; i++) expect(Math.abs(got[i] / erf64(tiny[i]) - 1), `erf(${tiny[i]})`).toBeLessThan(1e-6);
  });

  it('atan2 is within 4e-7 of Math.atan2 on a polar grid of every octant and radius, and within 1e-6 relative at small angles', async () => {
    const a: number[] = [];
    const b: number[] = [];
    for (let k = 0; k < 7200; k++) {
      const angle = -Math.PI + (k + 0.5) * ((2 * Math.PI) / 7200);
      const r = 10 ** ((k % 13) - 6);
      a.push(Math.fround(r * Math.sin(angle)));
      b.push(Math.fround(r * Math.cos(angle)));
    }
    expect(await worstError(atan2(tensor(a), tensor(b)), (i) => Math.atan2(a[i], b[i]))).toBeLessThan(4e-7);
    const tiny = Float32Array.from({ length: 100 }, (_, i) => 10 ** (-9 + i * 0.08));
    const got = await atan2(tensor(tiny), tensor(new Float32Array(100).fill(1))).data();
    for (let i = 0; i < tiny.length; i++) expect(Math.abs(got[i] / Math.atan(tiny[i]) - 1), `atan2(${tiny[i]}, 1)`).toBeLessThan(1e-6);
  });
});

describe('misuse of the composed ops', () => {
  const m = (): Tensor => tensor([1, 2, 3, 4], [2, 2]);
  const cases: [string, () => Tensor[], (xs: Tensor[]) => unknown, new (...args: never[]) => Error, RegExp][] = [
    ['all on float32', () => [m()], ([x]) => all(x), DTypeError, /^all: x must be bool, got float32/],
    ['any with an axis out of range', () => [tensor([true, false])], ([x]) => any(x, 1), ArgumentError, /^any: axis/],
    ['erf on bool', () => [tensor([true])], ([x]) => erf(x), DTypeError, /^erf: x must be float32 or int32, got bool/],
    [
      'atan2 of mismatched shapes',
      () => [m(), tensor([1, 2, 3])],
      ([a, b]) => atan2(a, b),
      ShapeError,
      /^atan2: shapes \[2, 2\] and \[3\]/,
    ],
    ['cumsum of a scalar', () => [tensor(1)], ([x]) => cumsum(x), ArgumentError, /^cumsum: x must have at least one dimension/],
    ['cumprod with a fractional axis', () => [m()], ([x]) => cumprod(x, 0.5), ArgumentError, /^cumprod: axis must be an integer, got 0.5/],
    ['dropout rate 1', () => [m()], ([x]) => dropout(x, 1), ArgumentError, /^dropout: rate must be a number in \[0, 1\), got 1/],
    ['dropout on int32', () => [tensor([1], [1], 'int32')], ([x]) => dropout(x, 0.5), DTypeError, /^dropout: x must be float32/],
    [
      'dropout noiseShape that does not broadcast',
      () => [m()],
      ([x]) => dropout(x, 0.5, [3, 1]),
      ArgumentError,
      /^dropout: noiseShape \[3, 1\] must broadcast to x's shape \[2, 2\]/,
    ],
    ['topk k above the last axis', () => [m()], ([x]) => topk(x, 3), ArgumentError, /^topk: k must be an integer in \[0, 2\].*got 3/],
    ['topk of a scalar', () => [tensor(1)], ([x]) => topk(x), ShapeError, /^topk: x must have at least one dimension/],
    ['unique of a scalar', () => [tensor(1)], ([x]) => unique(x), ShapeError, /^unique: x must have at least one dimension/],
  ];
  for (const [name, inputs, call, cls, message] of cases) {
    it(`${name}: ${cls.name}, and no tensor left behind`, () => {
      const xs = inputs();
      const before = undisposedTensors();
      let thrown: unknown;
      try {
        call(xs);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(cls);
      expect((thrown as Error).message).toMatch(message);
      expect(undisposedTensors()).toBe(before);
      for (const x of xs) x.dispose();
    });
  }
});
