/**
 * Broadcast iteration without per-element index arithmetic: the output is cut into runs along
 * which each operand either advances by one element or stays put, so a kernel's inner loop is a
 * plain strided loop.
 */
import { sizeFromShape, type Shape } from '@tensile/core';

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

/**
 * Called once per run: output elements [outStart, outStart + len), operand elements
 * a[aStart + i * aStep] and b[bStart + i * bStep] with steps 0 or 1.
 */
export type RunFn = (outStart: number, aStart: number, aStep: number, bStart: number, bStep: number, len: number) => void;

export function forEachBroadcastRun(outShape: Shape, aShape: Shape, bShape: Shape, run: RunFn): void {
  const size = sizeFromShape(outShape);
  if (size === 0) return;
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  // Merge neighbouring dimensions that both operands walk contiguously (or both skip), so that
  // same-shape and scalar cases become a single run.
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
  if (dims.length === 0) {
    run(0, 0, 0, 0, 0, 1);
    return;
  }
  const inner = dims.length - 1;
  const len = dims[inner];
  const outer = size / len;
  const counter = new Array<number>(inner).fill(0);
  let ai = 0;
  let bi = 0;
  for (let o = 0; o < outer; o++) {
    run(o * len, ai, as[inner], bi, bs[inner], len);
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
  const size = sizeFromShape(outShape);
  const map = new Int32Array(size);
  forEachBroadcastRun(outShape, inShape, outShape, (o, ai, aStep, _bi, _bStep, len) => {
    for (let i = 0; i < len; i++, ai += aStep) map[o + i] = ai;
  });
  return map;
}
