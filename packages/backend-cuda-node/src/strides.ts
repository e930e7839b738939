/**
 * Shape and stride setup for the strided kernels (binary, select, transpose, slice): the output's
 * dimensions, and for each operand the element stride along each of them, with neighbouring
 * dimensions merged wherever every operand walks them as one. Same-shape operands become one
 * dimension, a bias add two; the CUDA side decomposes an index over at most 8.
 */
import { backendUtil, type Shape } from '@tensile/core';

export interface StridedLayout {
  readonly dims: number[];
  /** strides[operand][dimension] */
  readonly strides: number[][];
}

/** Row-major element strides of `shape`. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

/**
 * Merges dimension i into the one before it when, for every operand, stepping the earlier one is
 * the same as stepping i across its whole length. Dimensions of 1 are dropped; a scalar output is
 * one dimension of 1, never none.
 */
export function mergeStrided(dims: Shape, strides: readonly (readonly number[])[]): StridedLayout {
  const outDims: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    if (d === 1) continue;
    const last = outDims.length - 1;
    if (last >= 0 && strides.every((s, o) => outStrides[o][last] === s[i] * d)) {
      outDims[last] *= d;
      strides.forEach((s, o) => {
        outStrides[o][last] = s[i];
      });
    } else {
      outDims.push(d);
      strides.forEach((s, o) => outStrides[o].push(s[i]));
    }
  }
  if (outDims.length === 0) return { dims: [1], strides: strides.map(() => [0]) };
  return { dims: outDims, strides: outStrides };
}

/** Operands broadcast to `outShape` (numpy rules, already checked by core). */
export function broadcastLayout(outShape: Shape, operandShapes: readonly Shape[]): StridedLayout {
  return mergeStrided(
    outShape,
    operandShapes.map((s) => backendUtil.broadcastStrides(s, outShape)),
  );
}

/** transpose: output dimension i walks input dimension perm[i]. */
export function transposeLayout(inShape: Shape, perm: readonly number[]): StridedLayout {
  const inStrides = contiguousStrides(inShape);
  return mergeStrided(
    perm.map((p) => inShape[p]),
    [perm.map((p) => inStrides[p])],
  );
}

/** The ints a Strided<N> reads: rank, dims, then each operand's strides. */
export function stridedInts(layout: StridedLayout): number[] {
  if (layout.dims.length > 8) throw new Error(`cuda: ${layout.dims.length} dimensions after merging; the kernels take at most 8`);
  return [layout.dims.length, ...layout.dims, ...layout.strides.flat()];
}
