import { sizeFromShape, type Shape } from '../shape.js';

/**
 * Every reduction is brought to the form [outer, reduced, inner] so one strided loop serves all
 * axis sets: contiguous axes are already in it; otherwise `perm` (kept axes, then reduced axes)
 * must be applied first, after which inner is 1.
 */
export interface ReduceLayout {
  readonly outer: number;
  readonly reduced: number;
  readonly inner: number;
  /** Undefined when no permutation is needed. */
  readonly perm?: readonly number[];
}

/** `axes` are normalized and ascending, as core's reduce spec hands them over. */
export function reduceLayout(shape: Shape, axes: readonly number[]): ReduceLayout {
  const reduced = axes.reduce((p, a) => p * shape[a], 1);
  const contiguous = axes.every((a, i) => i === 0 || a === axes[i - 1] + 1);
  if (contiguous) {
    const first = axes.length > 0 ? axes[0] : shape.length;
    const last = axes.length > 0 ? axes[axes.length - 1] : shape.length - 1;
    return { outer: sizeFromShape(shape.slice(0, first)), reduced, inner: sizeFromShape(shape.slice(last + 1)) };
  }
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  return { outer: kept.reduce((p, a) => p * shape[a], 1), reduced, inner: 1, perm: [...kept, ...axes] };
}
