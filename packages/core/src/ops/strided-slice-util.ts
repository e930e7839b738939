/**
 * Host-side parsing of `stridedSlice`'s arguments, ported from TensorFlow.js 4.22's
 * `slice_util.sliceInfo` (itself TensorFlow's strided_slice_op.cc), and `stridedSliceDense`, the
 * composition every strided op here runs on (stridedSlice, reverse, mirrorPad).
 */
import { ArgumentError, ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { tensor } from './creation.js';
import { gather } from './gather.js';
import { slice } from './slice.js';

/** One axis of a resolved strided slice: `size` elements from `begin` in steps of `stride`. */
export interface DenseAxis {
  readonly begin: number;
  readonly size: number;
  readonly stride: number;
}

/** A strided slice resolved against an input shape. */
export interface StridedSliceInfo {
  /** One entry per input axis. */
  readonly axes: readonly DenseAxis[];
  /** The output shape: new axes added, shrunk axes dropped. */
  readonly finalShape: readonly number[];
}

export interface StridedSliceMasks {
  readonly beginMask: number;
  readonly endMask: number;
  readonly ellipsisMask: number;
  readonly newAxisMask: number;
  readonly shrinkAxisMask: number;
}

const NEW_AXIS = -2;
const SHRINK_AXIS = -1;

/** Resolves begin/end/strides and the five masks against `shape`, as TensorFlow.js does. */
export function stridedSliceInfo(
  op: string,
  shape: readonly number[],
  begin: readonly number[],
  end: readonly number[],
  strides: readonly number[] | undefined,
  masks: StridedSliceMasks,
): StridedSliceInfo {
  const { beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask } = masks;
  for (const [name, m] of Object.entries(masks)) {
    if (!Number.isInteger(m) || m < 0) throw new ArgumentError(`${op}: ${name} must be a non-negative integer bit mask, got ${m}`);
  }
  for (const [name, v] of [
    ['begin', begin],
    ['end', end],
  ] as const) {
    if (!Array.isArray(v)) throw new ArgumentError(`${op}: ${name} must be an array of integers, got ${String(v)}`);
  }
  if (strides !== undefined && !Array.isArray(strides)) {
    throw new ArgumentError(`${op}: strides must be an array of integers, got ${String(strides)}`);
  }
  const $strides = strides ?? begin.map(() => 1);
  if (begin.length !== end.length || begin.length !== $strides.length) {
    throw new ArgumentError(`${op}: begin, end and strides must have the same length, got [${begin}], [${end}] and [${$strides}]`);
  }
  for (const [name, v] of [
    ['begin', begin],
    ['end', end],
    ['strides', $strides],
  ] as const) {
    if (!v.every((e) => Number.isInteger(e))) throw new ArgumentError(`${op}: ${name} must hold integers, got [${v}]`);
  }
  if ((ellipsisMask & (ellipsisMask - 1)) !== 0) {
    throw new ArgumentError(`${op}: ellipsisMask may have at most one bit set (one ellipsis), got ${ellipsisMask}`);
  }
  // Sparse spec: the user's entries; an ellipsis is appended when there is none.
  let sparseDims = $strides.length;
  let sparseEllipsis = ellipsisMask;
  let ellipsisSeen = false;
  let newAxesAfterEllipsis = 0;
  for (let i = 0; i < sparseDims; i++) {
    if (ellipsisSeen && ((1 << i) & newAxisMask) !== 0) newAxesAfterEllipsis++;
    if ((1 << i) & ellipsisMask) ellipsisSeen = true;
  }
  if (!ellipsisSeen) {
    sparseEllipsis |= 1 << sparseDims;
    sparseDims++;
  }
  // Dense spec: one entry per input axis.
  const rank = shape.length;
  const dBegin = new Array<number>(rank).fill(0);
  const dEnd = new Array<number>(rank).fill(0);
  const dStrides = new Array<number>(rank).fill(1);
  let dBeginMask = 0;
  let dEndMask = 0;
  let dShrink = 0;
  const gatherIndices: number[] = [];
  let full = 0;
  for (let i = 0; i < sparseDims; i++) {
    if ((1 << i) & sparseEllipsis) {
      const next = Math.min(rank - (sparseDims - i) + 1 + newAxesAfterEllipsis, rank);
      for (; full < next; full++) {
        dBeginMask |= 1 << full;
        dEndMask |= 1 << full;
        gatherIndices.push(full);
      }
    } else if ((1 << i) & newAxisMask) {
      gatherIndices.push(NEW_AXIS);
    } else {
      if (full === rank) {
        throw new ShapeError(
          `${op}: begin [${begin}] indexes more axes than the input ${formatShape(shape)} has (${rank}); new axes and an ellipsis do not count`,
        );
      }
      dBegin[full] = begin[i];
      dEnd[full] = end[i];
      dStrides[full] = $strides[i];
      if (beginMask & (1 << i)) dBeginMask |= 1 << full;
      if (endMask & (1 << i)) dEndMask |= 1 << full;
      if (shrinkAxisMask & (1 << i)) {
        gatherIndices.push(SHRINK_AXIS);
        dShrink |= 1 << full;
      } else gatherIndices.push(full);
      full++;
    }
  }
  // Make masked and negative bounds explicit, and clamp them as TensorFlow does.
  const axes: DenseAxis[] = [];
  for (let i = 0; i < rank; i++) {
    const s = dStrides[i];
    const dim = shape[i];
    if (s === 0) throw new ArgumentError(`${op}: strides[${i}] must be non-zero, got strides [${$strides}]`);
    const shrink = (dShrink & (1 << i)) !== 0;
    if (shrink) {
      if (s <= 0) throw new ArgumentError(`${op}: a shrunk axis (shrinkAxisMask) needs stride 1, got ${s} on axis ${i}`);
      const b = dBegin[i] < 0 ? dim + dBegin[i] : dBegin[i];
      if (b < 0 || b >= dim) {
        throw new ShapeError(`${op}: index ${dBegin[i]} is out of bounds for axis ${i} of size ${dim} (shrinkAxisMask)`);
      }
      axes.push({ begin: b, size: 1, stride: 1 });
      continue;
    }
    const lo = s > 0 ? 0 : -1;
    const hi = s > 0 ? dim : dim - 1;
    const canonical = (x: number, masked: boolean, isEnd: boolean): number => {
      if (masked) return s > 0 === !isEnd ? lo : hi;
      const fwd = x < 0 ? dim + x : x;
      return fwd < lo ? lo : fwd > hi ? hi : fwd;
    };
    const b = canonical(dBegin[i], (dBeginMask & (1 << i)) !== 0, false);
    const e = canonical(dEnd[i], (dEndMask & (1 << i)) !== 0, true);
    const interval = e - b;
    const size = interval === 0 || interval < 0 !== s < 0 ? 0 : Math.trunc(interval / s) + (interval % s !== 0 ? 1 : 0);
    axes.push({ begin: b, size, stride: s });
  }
  const finalShape: number[] = [];
  for (const g of gatherIndices) {
    if (g >= 0) finalShape.push(axes[g].size);
    else if (g === NEW_AXIS) finalShape.push(1);
  }
  return { axes, finalShape };
}

/**
 * @internal The elements of `x` at begin + k * stride (k < size) on every axis, composed of a
 * `slice` of the bounding box and, on axes whose stride is not 1, a `gather`; both have
 * gradients, so this one does too. Creates tensors: call inside a tidy. The axes must be in
 * range (stridedSliceInfo guarantees it).
 */
export function stridedSliceDense(x: Tensor, axes: readonly DenseAxis[]): Tensor {
  const lo = axes.map((a) => (a.size === 0 ? 0 : a.stride > 0 ? a.begin : a.begin + (a.size - 1) * a.stride));
  const extent = axes.map((a) => (a.size === 0 ? 0 : (a.size - 1) * Math.abs(a.stride) + 1));
  let y = slice(x, lo, extent);
  axes.forEach((a, i) => {
    if (a.size <= 1 || a.stride === 1) return;
    const idx = new Int32Array(a.size);
    for (let k = 0; k < a.size; k++) idx[k] = a.begin - lo[i] + k * a.stride;
    y = gather(y, tensor(idx, [a.size], 'int32'), i);
  });
  return y;
}
