import type { BackendValues, DType } from '../dtype.js';
import { sizeFromShape, stridesOf, type Shape } from '../shape.js';
import { copyRun } from './permute.js';

/**
 * Fills `dst` (of `outShape`, holding `dtype`) with `constantValue` and copies `src` (of `shape`)
 * to its place, `paddings[d][0]` elements in along each dimension.
 */
export function padInto(
  src: BackendValues,
  shape: Shape,
  paddings: readonly (readonly [number, number])[],
  constantValue: number,
  dst: BackendValues,
  outShape: Shape,
  dtype: DType,
): void {
  // bool storage holds 0/1 only, so a nonzero pad value is stored as 1 (true).
  dst.fill(dtype === 'bool' ? (constantValue !== 0 ? 1 : 0) : constantValue);
  const size = sizeFromShape(shape);
  if (size === 0) return;
  if (shape.length === 0) {
    dst[0] = src[0];
    return;
  }
  forEachPadRun(shape, paddings, outShape, (s, d, len) => copyRun(src, s, dst, d, len));
}

/**
 * How a constant pad's copies run: x's dimensions [inner, rank) join into rows of `len` elements
 * (trailing dimensions without padding are contiguous in both x and the output, so one channel
 * of NHWC images is not runs of 1), the first row lands at output element `start`, and the
 * output's `outStrides` step the outer dimensions [0, inner). For a non-empty x of rank >= 1.
 */
export interface PadRows {
  readonly inner: number;
  readonly len: number;
  readonly start: number;
  readonly outStrides: number[];
}

export function padRows(shape: Shape, paddings: readonly (readonly [number, number])[], outShape: Shape): PadRows {
  const outStrides = stridesOf(outShape);
  let inner = shape.length - 1;
  let len = shape[inner];
  while (inner > 0 && paddings[inner][0] === 0 && paddings[inner][1] === 0) {
    inner--;
    len *= shape[inner];
  }
  let start = 0;
  for (let d = 0; d < shape.length; d++) start += paddings[d][0] * outStrides[d];
  return { inner, len, start, outStrides };
}

/**
 * The copies a constant pad makes, as runs: `visit(srcOffset, dstOffset, length)` for each row of
 * x in order (element offsets), rows as padRows joins them. Nothing is visited for an empty or
 * rank-0 x.
 */
function forEachPadRun(
  shape: Shape,
  paddings: readonly (readonly [number, number])[],
  outShape: Shape,
  visit: (srcOffset: number, dstOffset: number, length: number) => void,
): void {
  const size = sizeFromShape(shape);
  if (size === 0 || shape.length === 0) return;
  const { inner, len, start, outStrides } = padRows(shape, paddings, outShape);
  let d0 = start;
  const counter = new Array<number>(inner).fill(0);
  for (let s = 0; s < size; s += len) {
    visit(s, d0, len);
    for (let d = inner - 1; d >= 0; d--) {
      d0 += outStrides[d];
      if (++counter[d] < shape[d]) break;
      d0 -= outStrides[d] * shape[d];
      counter[d] = 0;
    }
  }
}
