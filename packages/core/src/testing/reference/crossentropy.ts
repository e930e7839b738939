/**
 * Float64 references for categoricalCrossentropy and its gradient, written from the definitions
 * (normalise, clip, log; the gradient as the full Jacobian of the normalisation, O(d^2) a row),
 * not from the kernels' loops. Each result comes with the size of the terms behind it (`scale`).
 */
import { nd, type Nd } from './nd.js';

export interface RefResult {
  readonly out: Nd;
  readonly scale: Float64Array;
}

function rows(p: Nd): { d: number; n: number } {
  const d = p.shape[p.shape.length - 1];
  return { d, n: d === 0 ? 0 : p.values.length / d };
}

function clip(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}

export function crossentropyRef(t: Nd, p: Nd, epsilon: number): RefResult {
  const { d, n } = rows(p);
  const out = nd(p.shape.slice(0, -1));
  const scale = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const row = Array.from(p.values.subarray(r * d, (r + 1) * d));
    const s = row.reduce((a, b) => a + b, 0);
    for (let j = 0; j < d; j++) {
      const term = t.values[r * d + j] * Math.log(clip(row[j] / s, epsilon, 1 - epsilon));
      out.values[r] -= term;
      scale[r] += Math.abs(term);
    }
  }
  return { out, scale };
}

export function crossentropyGradRef(dy: Nd, t: Nd, p: Nd, epsilon: number): RefResult {
  const { d, n } = rows(p);
  const out = nd(p.shape);
  const scale = new Float64Array(p.values.length);
  for (let r = 0; r < n; r++) {
    const o = r * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += p.values[o + j];
    for (let k = 0; k < d; k++) {
      for (let j = 0; j < d; j++) {
        const q = p.values[o + j] / s;
        // d loss / d q_j, zero where the clip holds q_j at a bound.
        const dq = q >= epsilon && q <= 1 - epsilon ? (-dy.values[r] * t.values[o + j]) / q : 0;
        // d q_j / d p_k.
        const jac = (j === k ? 1 / s : 0) - p.values[o + j] / (s * s);
        out.values[o + k] += dq * jac;
        scale[o + k] += Math.abs(dq * jac);
      }
    }
  }
  return { out, scale };
}
