import { describe, expect, it } from 'vitest';
import { categoricalCrossentropyGradInto, categoricalCrossentropyInto } from '../src/backend-util/crossentropy.js';

// The shared loops skip zero targets where that is exact (finite row sums and dy). These check
// the rows where it is not: a NaN or an infinite prediction under a zero target still makes the
// loss and the gradient NaN, as the full product does; finite rows agree with the full product.
const EPS = 1e-7;

/** The loss and gradient of one row by the formula in full, no skipping, in doubles. */
function full(t: number[], p: number[], dy: number): { loss: number; grad: number[] } {
  const s = p.reduce((a, b) => a + b, 0);
  const q = p.map((v) => v / s);
  const clip = (v: number) => (v < EPS ? EPS : v > 1 - EPS ? 1 - EPS : v);
  const loss = -t.reduce((a, tj, j) => a + tj * Math.log(clip(q[j])), 0);
  const g = q.map((qj, j) => (qj >= EPS && qj <= 1 - EPS ? (-dy * t[j]) / qj : 0));
  const c = g.reduce((a, gj, j) => a + gj * p[j], 0) / (s * s);
  return { loss, grad: g.map((gj) => gj / s - c) };
}

describe('categorical crossentropy loops', () => {
  const rows: [number[], number[]][] = [
    [
      [0, 1, 0],
      [Number.NaN, 0.5, 0.5],
    ],
    [
      [0, 0, 1],
      [Number.POSITIVE_INFINITY, 0.5, 0.5],
    ],
    [
      [0, 1, 0],
      [0.2, 0.7, 0.1],
    ],
    [
      [0.3, 0, 0.7],
      [0.2, 0.7, 0.3],
    ],
    [
      [0, 0, 0],
      [0.2, 0.7, 0.1],
    ],
  ];
  it.each(rows.map((r, i) => [i, ...r] as const))('row %i: loss and gradient as the full product', (_i, t, p) => {
    const want = full(t, p, 0.25);
    const loss = new Float32Array(1);
    categoricalCrossentropyInto(Float32Array.from(t), Float32Array.from(p), 3, EPS, loss);
    const grad = new Float32Array(3);
    categoricalCrossentropyGradInto(Float32Array.from([0.25]), Float32Array.from(t), Float32Array.from(p), 3, EPS, grad);
    if (Number.isNaN(want.loss)) expect(loss[0]).toBeNaN();
    else expect(loss[0]).toBeCloseTo(want.loss, 5);
    want.grad.forEach((g, j) => {
      if (Number.isNaN(g)) expect(grad[j]).toBeNaN();
      else expect(grad[j]).toBeCloseTo(g, 5);
    });
    expect(rows[0][1].some(Number.isNaN)).toBe(true);
  });
  it('a non-finite dy reaches every class of its row, zero targets included', () => {
    const grad = new Float32Array(3);
    categoricalCrossentropyGradInto(
      Float32Array.from([Number.POSITIVE_INFINITY]),
      Float32Array.from([0, 1, 0]),
      Float32Array.from([0.2, 0.7, 0.1]),
      3,
      EPS,
      grad,
    );
    const want = full([0, 1, 0], [0.2, 0.7, 0.1], Number.POSITIVE_INFINITY).grad;
    want.forEach((g, j) => (Number.isNaN(g) ? expect(grad[j]).toBeNaN() : expect(grad[j]).toBe(g)));
    expect(want.some(Number.isNaN)).toBe(true);
  });
});
