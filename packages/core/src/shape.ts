import { ArgumentError, ShapeError } from './errors.js';

export type Shape = readonly number[];

export function sizeFromShape(shape: Shape): number {
  // Indexed: shapes come as frozen and plain arrays, and for...of allocated an iterator per call.
  let size = 1;
  for (let i = 0; i < shape.length; i++) size *= shape[i];
  return size;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Row-major strides, in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function assertValidShape(op: string, shape: Shape): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ShapeError(`${op}: shape dimensions must be non-negative integers, got ${formatShape(shape)}`);
    }
  }
}

/** NumPy broadcasting: dimensions are aligned from the right and must be equal or 1. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together (dimension ${i}: ${da} vs ${db})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Axes of `outShape` along which `inShape` was broadcast: summing a gradient over them (keepDims)
 * and reshaping gives a gradient of `inShape`.
 */
export function broadcastedAxes(inShape: Shape, outShape: Shape): number[] {
  const axes: number[] = [];
  const offset = outShape.length - inShape.length;
  for (let i = 0; i < outShape.length; i++) {
    const d = i < offset ? 1 : inShape[i - offset];
    if (d === 1 && outShape[i] !== 1) axes.push(i);
  }
  return axes;
}

/** Resolves a possibly negative axis against `rank`. */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) {
    throw new ArgumentError(`${op}: axis must be an integer in [${-rank}, ${rank - 1}], got ${axis}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Resolves, sorts and de-duplicates axes; `undefined` means every axis. */
export function normalizeAxes(op: string, axes: number | readonly number[] | undefined, rank: number): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const out = [...new Set(list.map((a) => normalizeAxis(op, a, rank)))].sort((x, y) => x - y);
  return out;
}

/** Shape after reducing `axes` (already normalised). */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (axes.includes(i)) {
      if (keepDims) out.push(1);
    } else out.push(d);
  });
  return out;
}
