import { backendUtil, bytesPerElement, REDUCE_CODES, sizeFromShape, type KernelFn, type ReduceOp } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { REDUCE_PARAMS, REDUCE_ROWS_PARAMS } from '../param-layouts.js';
import { sharesUsed } from '../threads/share-bounds.js';
import { takeChannelSums } from './util/bias-companion.js';
import { MIN_REDUCED_PER_THREAD } from './util/split.js';

/**
 * Where each op runs on float32 input: `wasm`, its kernel in assembly/reduce.ts (reduceSum, ...);
 * `core`, core's loops over heap views, where the assembly has only a stub that traps (argMax and
 * argMin, which return int32 indices). int32 input always runs in core's loops.
 */
const FLOAT32: Readonly<Record<ReduceOp, 'wasm' | 'core'>> = {
  sum: 'wasm',
  mean: 'wasm',
  max: 'wasm',
  min: 'wasm',
  prod: 'wasm',
  argMax: 'core',
  argMin: 'core',
};

/**
 * Every reduction is brought to the form [outer, reduced, inner]: contiguous axes are already in
 * it, and other axis sets are first permuted (into scratch) so the reduced axes come last.
 */
export const reduce: KernelFn<'reduce', WasmBackend> = (backend, { x }, { op, axes }, out) => {
  const shape = x.shape;
  const y = backend.allocData(sizeFromShape(out.shape), out.dtype);
  // A bias gradient whose sums the kernel that wrote x left (util/bias-companion.ts).
  const left = op === 'sum' && allButLast(axes, shape.length) ? takeChannelSums(backend, x.dataId) : null;
  if (left !== null) {
    backend.views.f32.set(left, y.ptr / 4);
    return y;
  }
  const { outer, reduced, inner, perm } = backendUtil.reduceLayout(shape, axes);
  let src = backend.ptr(x);
  let permuted = 0;
  const bytes = sizeFromShape(shape) * bytesPerElement(x.dtype);
  if (perm !== undefined) {
    permuted = backend.alloc(bytes);
    backendUtil.permuteInto(backend.values(x), backend.viewAt(permuted, sizeFromShape(shape), x.dtype), shape, perm);
    src = permuted;
  }
  try {
    if (x.dtype === 'float32' && FLOAT32[op] === 'wasm') {
      // Per share: up to 4 * inner f64 accumulators (assembly/reduce.ts).
      const stride = Math.ceil((32 * inner) / 64) * 64;
      if (outer === 1 && (op === 'sum' || op === 'mean') && backend.threads > 1) {
        sumRows(backend, src, y.ptr, reduced, inner, op === 'mean', stride);
        return y;
      }
      const shares = backend.shares(outer, Math.ceil(MIN_REDUCED_PER_THREAD / Math.max(1, reduced * inner)));
      const scratch = backend.alloc(shares * stride);
      const p = backend.params(REDUCE_PARAMS, {
        op: REDUCE_CODES[op],
        x: src,
        y: y.ptr,
        r: reduced,
        inner,
        scratch,
        scratchStride: stride,
      });
      backend.runShares('reduce', p, outer, shares);
      backend.release(scratch, shares * stride);
    } else {
      backendUtil.reduceInto(op, backend.viewAt(src, outer * reduced * inner, x.dtype), outer, reduced, inner, backend.view(y));
    }
  } finally {
    if (permuted !== 0) backend.release(permuted, bytes);
  }
  return y;
};

/** Rows a unit of `reduceRows`: a multiple of 4, so each share's stream starts in phase. */
const ROWS_PER_UNIT = 64;

/**
 * Sum (or mean) of [reduced, inner] over its rows, split over the rows: each share leaves inner
 * f64 partial sums in its scratch, added up here. (Bias gradients: one outer index, 100K rows.)
 */
function sumRows(backend: WasmBackend, src: number, dst: number, reduced: number, inner: number, mean: boolean, stride: number): void {
  const units = Math.ceil(reduced / ROWS_PER_UNIT);
  const shares = backend.shares(units, Math.ceil(MIN_REDUCED_PER_THREAD / (ROWS_PER_UNIT * inner)));
  const scratch = backend.alloc(shares * stride);
  const p = backend.params(REDUCE_ROWS_PARAMS, { x: src, r: reduced, inner, scratch, scratchStride: stride, rowsPerUnit: ROWS_PER_UNIT });
  backend.runShares('reduceRows', p, units, shares);
  const { f64, f32 } = backend.views;
  const used = sharesUsed(units, shares);
  for (let i = 0; i < inner; i++) {
    let sum = 0;
    for (let s = 0; s < used; s++) sum += f64[(scratch + s * stride) / 8 + i];
    f32[dst / 4 + i] = mean ? sum / reduced : sum;
  }
  backend.release(scratch, shares * stride);
}

/** Whether `axes` are 0 .. rank - 2, in order: every axis but the last. */
function allButLast(axes: readonly number[], rank: number): boolean {
  if (rank < 2 || axes.length !== rank - 1) return false;
  for (let i = 0; i < axes.length; i++) if (axes[i] !== i) return false;
  return true;
}
