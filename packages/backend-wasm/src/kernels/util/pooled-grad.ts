/**
 * The gradient at a fused conv's output given as the gradient at the average pool after it and
 * the conv's output y, for the kernels that make its rows where they read them instead of storing
 * it (assembly/pool-grad-rows.ts): only pools that tile the conv's output exactly.
 */
import type { FusedActivation, Pool2dAttrs, Shape } from '@tensile/core';

export interface PooledGrad {
  /** The gradient at the pool's output. */
  readonly dy: number;
  /** The pool's window (its strides). */
  readonly window: readonly [number, number];
  readonly activation: FusedActivation;
}

/** Floats a made row may spill past its end (ROW_SLACK in assembly/pool-grad-rows.ts). */
export const ROW_SLACK = 4;

/** Whether the pool's windows tile y (the conv's output) exactly: stride = window, no padding,
 *  nothing left over. */
export function poolTiles(pool: Pool2dAttrs, yShape: Shape, dyShape: Shape): boolean {
  const [fh, fw] = pool.filterSize;
  const { top, bottom, left, right } = pool.pad;
  return (
    pool.strides[0] === fh &&
    pool.strides[1] === fw &&
    top === 0 &&
    bottom === 0 &&
    left === 0 &&
    right === 0 &&
    dyShape[1] * fh === yShape[1] &&
    dyShape[2] * fw === yShape[2]
  );
}
