/** Float64 references of einsum, outerProduct, eye and linspace. */
import { nd, sizeOf, stridesOf, unravel, type Nd } from './nd.js';

/** Sums the product of the operands over every assignment of the labels not in the output. */
export function einsumRef(inputs: readonly string[], output: string, xs: readonly Nd[]): Nd {
  const sizes = new Map<string, number>();
  inputs.forEach((labels, i) => [...labels].forEach((c, j) => sizes.set(c, xs[i].shape[j])));
  const summed = [...sizes.keys()].filter((c) => !output.includes(c));
  const outShape = [...output].map((c) => sizes.get(c) ?? 0);
  const sumShape = summed.map((c) => sizes.get(c) ?? 0);
  const out = nd(outShape);
  const strides = xs.map((x) => stridesOf(x.shape));
  for (let o = 0; o < out.values.length; o++) {
    const at = new Map<string, number>();
    unravel(o, outShape).forEach((v, j) => at.set(output[j], v));
    let total = 0;
    for (let s = 0; s < sizeOf(sumShape); s++) {
      unravel(s, sumShape).forEach((v, j) => at.set(summed[j], v));
      let p = 1;
      xs.forEach((x, i) => {
        p *= x.values[[...inputs[i]].reduce((f, c, j) => f + (at.get(c) ?? 0) * strides[i][j], 0)];
      });
      total += p;
    }
    out.values[o] = total;
  }
  return out;
}

export function outerProductRef(a: Nd, b: Nd): Nd {
  const out = nd([a.values.length, b.values.length]);
  for (let i = 0; i < a.values.length; i++)
    for (let j = 0; j < b.values.length; j++) out.values[i * b.values.length + j] = a.values[i] * b.values[j];
  return out;
}

export function eyeRef(rows: number, cols: number, batch: readonly number[] = []): Nd {
  const out = nd([...batch, rows, cols]);
  for (let i = 0; i < out.values.length; i++) {
    const idx = unravel(i, out.shape);
    out.values[i] = idx[idx.length - 1] === idx[idx.length - 2] ? 1 : 0;
  }
  return out;
}

export function linspaceRef(start: number, stop: number, num: number): Nd {
  return nd(
    [num],
    Array.from({ length: num }, (_, i) => (num === 1 ? start : start + ((stop - start) * i) / (num - 1))),
  );
}
