import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError, grads, matMul, mul, sum, tensor, ready, type Tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import '../../src/index.js';

beforeAll(() => ready());

/** Deterministic values in [-1, 1). */
function values(n: number, seed: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 1.3));
}
const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** NumPy's matmul over broadcast batch dimensions, in float64. */
function reference(a: number[], as: number[], b: number[], bs: number[]): { out: number[]; shape: number[] } {
  const [m, k] = as.slice(-2);
  const n = bs[bs.length - 1];
  const ba = as.slice(0, -2);
  const bb = bs.slice(0, -2);
  const rank = Math.max(ba.length, bb.length);
  const pa = [...Array(rank - ba.length).fill(1), ...ba];
  const pb = [...Array(rank - bb.length).fill(1), ...bb];
  const batch = pa.map((d, i) => Math.max(d, pb[i]));
  const out: number[] = [];
  for (let flat = 0; flat < size(batch); flat++) {
    let ia = 0;
    let ib = 0;
    let rest = flat;
    for (let d = rank - 1, sa = 1, sb = 1; d >= 0; d--) {
      const idx = rest % batch[d];
      rest = Math.floor(rest / batch[d]);
      ia += (pa[d] === 1 ? 0 : idx) * sa;
      ib += (pb[d] === 1 ? 0 : idx) * sb;
      sa *= pa[d];
      sb *= pb[d];
    }
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let t = 0; t < k; t++) s += a[ia * m * k + i * k + t] * b[ib * k * n + t * n + j];
        out.push(s);
      }
    }
  }
  return { out, shape: [...batch, m, n] };
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(tol * (1 + Math.abs(want[i])));
}

describe('matMul batch broadcasting (NumPy rules)', () => {
  const cases: [number[], number[]][] = [
    [
      [3, 4],
      [4, 5],
    ],
    [
      [2, 3, 4],
      [4, 5],
    ],
    [
      [3, 4],
      [2, 4, 5],
    ],
    [
      [2, 1, 3, 4],
      [3, 4, 2],
    ],
    [
      [2, 1, 3, 4],
      [1, 5, 4, 2],
    ],
    [
      [1, 3, 4],
      [2, 2, 4, 1],
    ],
  ];
  for (const [as, bs] of cases) {
    it(`[${as}] x [${bs}]`, async () => {
      const av = values(size(as), 1);
      const bv = values(size(bs), 2);
      const want = reference(av, as, bv, bs);
      const a = tensor(av, as);
      const b = tensor(bv, bs);
      const before = undisposedTensors();
      const y = matMul(a, b);
      expect(undisposedTensors() - before).toBe(1);
      expect([...y.shape]).toEqual(want.shape);
      expectClose(await y.data(), want.out, 1e-5);

      // d/da sum(y * w) by central differences on a few elements of each operand.
      const w = tensor(values(y.size, 3), y.shape);
      const loss = (x: Tensor, z: Tensor): Tensor => sum(mul(matMul(x, z), w));
      const [ga, gb] = grads(loss)([a, b]);
      expect([...ga.shape]).toEqual(as);
      expect([...gb.shape]).toEqual(bs);
      const wv = await w.data();
      const f = (x: number[], z: number[]): number => reference(x, as, z, bs).out.reduce((s, v, i) => s + v * wv[i], 0);
      const gav = await ga.data();
      const gbv = await gb.data();
      for (const j of [0, av.length - 1, Math.floor(av.length / 2)]) {
        const p = [...av];
        const q = [...av];
        p[j] += 1e-3;
        q[j] -= 1e-3;
        expect(gav[j]).toBeCloseTo((f(p, bv) - f(q, bv)) / 2e-3, 3);
      }
      for (const j of [0, bv.length - 1]) {
        const p = [...bv];
        const q = [...bv];
        p[j] += 1e-3;
        q[j] -= 1e-3;
        expect(gbv[j]).toBeCloseTo((f(av, p) - f(av, q)) / 2e-3, 3);
      }
    });
  }

  it('transposes the last two dimensions only', async () => {
    const a = tensor(values(2 * 4 * 3, 4), [2, 4, 3]);
    const b = tensor(values(5 * 4, 5), [5, 4]);
    const y = matMul(a, b, true, true);
    expect([...y.shape]).toEqual([2, 3, 5]);
  });

  it('says which shapes do not fit', () => {
    const a = tensor(values(6, 1), [2, 3]);
    expect(() => matMul(a, tensor(values(8, 1), [4, 2]))).toThrow(ShapeError);
    expect(() => matMul(a, tensor(values(8, 1), [4, 2]))).toThrow(
      /matMul: inner dimensions must match, got a \[2, 3\] with 3 columns and b \[4, 2\] with 4 rows/,
    );
    expect(() => matMul(tensor(values(3, 1), [3]), a)).toThrow(/matMul: a and b must have rank >= 2/);
    expect(() => matMul(tensor(values(24, 1), [2, 3, 4]), tensor(values(60, 1), [3, 4, 5]))).toThrow(
      /batch dimensions .* cannot be broadcast/,
    );
  });
});
