/** Float64 references of topk and unique. */
import { nd, type Nd } from './nd.js';

/** The k largest of each last-axis row by a stable sort (descending; ties keep index order). */
export function topkRef(x: Nd, k: number): { values: Nd; indices: Nd } {
  const n = x.shape[x.shape.length - 1];
  const rows = n === 0 ? 0 : x.values.length / n;
  const shape = [...x.shape.slice(0, -1), k];
  const values = nd(shape);
  const indices = nd(shape);
  for (let r = 0; r < rows; r++) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((p, q) => x.values[r * n + q] - x.values[r * n + p] || p - q);
    for (let j = 0; j < k; j++) {
      values.values[r * k + j] = x.values[r * n + order[j]];
      indices.values[r * k + j] = order[j];
    }
  }
  return { values, indices };
}

/** Distinct slices along `axis` in order of first appearance, compared element by element. */
export function uniqueRef(x: Nd, axis: number): { values: Nd; indices: Nd } {
  const n = x.shape[axis];
  const inner = x.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
  const outer = x.shape.slice(0, axis).reduce((p, d) => p * d, 1);
  const sliceAt = (i: number): number[] => {
    const s: number[] = [];
    for (let o = 0; o < outer; o++) for (let j = 0; j < inner; j++) s.push(x.values[(o * n + i) * inner + j]);
    return s;
  };
  const kept: number[][] = [];
  const firsts: number[] = [];
  const indices = nd([n]);
  for (let i = 0; i < n; i++) {
    const s = sliceAt(i);
    let u = kept.findIndex((t) => t.every((v, j) => v === s[j] || (Number.isNaN(v) && Number.isNaN(s[j]))));
    if (u < 0) {
      u = kept.length;
      kept.push(s);
      firsts.push(i);
    }
    indices.values[i] = u;
  }
  const shape = [...x.shape];
  shape[axis] = firsts.length;
  const values = nd(shape);
  for (let o = 0; o < outer; o++)
    for (let u = 0; u < firsts.length; u++)
      for (let j = 0; j < inner; j++) values.values[(o * firsts.length + u) * inner + j] = kept[u][o * inner + j];
  return { values, indices };
}
