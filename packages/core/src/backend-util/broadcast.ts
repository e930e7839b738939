/**
 * Broadcasting as runs: the output is cut into runs along which each operand either advances by
 * one element or stays put, so a kernel's inner loop is a plain strided loop without per-element
 * index arithmetic. Neighbouring dimensions both operands walk alike are merged first, so
 * same-shape and scalar cases are one run and bias-like cases two dimensions.
 */
import { sizeFromShape, type Shape } from '../shape.js';

/** Strides of `inShape` aligned to `outShape`'s rank, 0 along broadcast (or missing) dimensions. */
export function broadcastStrides(inShape: Shape, outShape: Shape): number[] {
  const rank = outShape.length;
  const offset = rank - inShape.length;
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = inShape.length - 1; i >= 0; i--) {
    strides[i + offset] = inShape[i] === 1 ? 0 : s;
    s *= inShape[i];
  }
  return strides;
}

export interface MergedBroadcast {
  readonly dims: number[];
  readonly as: number[];
  readonly bs: number[];
}

/**
 * Merged dimensions (outermost first) with each operand's element stride along them; never
 * empty (a scalar output is one dimension of 1), so callers can pad it to a fixed rank.
 */
export function mergeBroadcast(outShape: Shape, aShape: Shape, bShape: Shape): MergedBroadcast {
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const dims: number[] = [];
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < outShape.length; i++) {
    const d = outShape[i];
    if (d === 1) continue;
    const n = dims.length - 1;
    if (n >= 0 && as[n] === sa[i] * d && bs[n] === sb[i] * d) {
      dims[n] *= d;
      as[n] = sa[i];
      bs[n] = sb[i];
    } else {
      dims.push(d);
      as.push(sa[i]);
      bs.push(sb[i]);
    }
  }
  if (dims.length === 0) return { dims: [1], as: [0], bs: [0] };
  return { dims, as, bs };
}

/**
 * Called once per run: output elements [outStart, outStart + len), operand elements
 * a[aStart + i * aStep] and b[bStart + i * bStep] with steps 0 or 1.
 */
export type RunFn = (outStart: number, aStart: number, aStep: number, bStart: number, bStep: number, len: number) => void;

export function forEachBroadcastRun(outShape: Shape, aShape: Shape, bShape: Shape, run: RunFn): void {
  const size = sizeFromShape(outShape);
  if (size === 0) return;
  const { dims, as, bs } = mergeBroadcast(outShape, aShape, bShape);
  const inner = dims.length - 1;
  const len = dims[inner];
  const counter = new Array<number>(inner).fill(0);
  let ai = 0;
  let bi = 0;
  for (let o = 0; o < size; o += len) {
    run(o, ai, as[inner], bi, bs[inner], len);
    for (let d = inner - 1; d >= 0; d--) {
      ai += as[d];
      bi += bs[d];
      if (++counter[d] < dims[d]) break;
      ai -= as[d] * dims[d];
      bi -= bs[d] * dims[d];
      counter[d] = 0;
    }
  }
}

/** For each output element, the index of the input element broadcast to it. */
export function broadcastIndexMap(inShape: Shape, outShape: Shape): Int32Array {
  const map = new Int32Array(sizeFromShape(outShape));
  forEachBroadcastRun(outShape, inShape, outShape, (o, ai, aStep, _bi, _bStep, len) => {
    for (let i = 0; i < len; i++, ai += aStep) map[o + i] = ai;
  });
  return map;
}
