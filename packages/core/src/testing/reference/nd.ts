/**
 * The reference's array type: a shape and float64 values in row-major order. int32 and bool
 * tensors are held as numbers too (bool as 0/1), so one set of index helpers serves every dtype.
 */
export interface Nd {
  readonly shape: readonly number[];
  readonly values: Float64Array;
}

export function nd(shape: readonly number[], values?: ArrayLike<number>): Nd {
  const n = sizeOf(shape);
  const out = new Float64Array(n);
  if (values) {
    if (values.length !== n) throw new Error(`reference: ${values.length} values for shape [${shape}]`);
    for (let i = 0; i < n; i++) out[i] = values[i];
  }
  return { shape: [...shape], values: out };
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** Multi-index of flat position `flat` in `shape`. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    idx[i] = flat % shape[i];
    flat = Math.floor(flat / shape[i]);
  }
  return idx;
}

/** NumPy broadcasting of two shapes (the reference trusts the caller to pass compatible ones). */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** Flat position in `inShape` of the element that broadcasts to `outIdx`. */
export function broadcastFlat(outIdx: readonly number[], inShape: readonly number[]): number {
  const offset = outIdx.length - inShape.length;
  let flat = 0;
  for (let i = 0; i < inShape.length; i++) flat = flat * inShape[i] + (inShape[i] === 1 ? 0 : outIdx[i + offset]);
  return flat;
}

/** `x` with every value replaced by its absolute value: run through a linear reference, it gives
 *  the sum of |terms| behind each output, the natural scale for float32 rounding error. */
export function absNd(x: Nd): Nd {
  return { shape: x.shape, values: x.values.map(Math.abs) };
}
