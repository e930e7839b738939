import type { Pool2dAttrs, Shape } from '@tensile/core';
import type { TiledPoolShape } from '../../shaders/pool-grad-tiled.js';

/** Uniform values for POOL_UNIFORMS, `size` being the count of threads (outputs or inputs). */
export function poolUniforms(size: number, xShape: Shape, yShape: Shape, attrs: Pool2dAttrs): number[] {
  const [, h, w, c] = xShape;
  return [
    size,
    h,
    w,
    c,
    yShape[1],
    yShape[2],
    attrs.filterSize[0],
    attrs.filterSize[1],
    attrs.strides[0],
    attrs.strides[1],
    attrs.pad.top,
    attrs.pad.left,
  ];
}

/** The shape when windows tile the input (each cell in at most one window), else null. */
export function tiledPool(xShape: Shape, yShape: Shape, attrs: Pool2dAttrs): TiledPoolShape | null {
  const [fh, fw] = attrs.filterSize;
  if (attrs.strides[0] !== fh || attrs.strides[1] !== fw || attrs.pad.top !== 0 || attrs.pad.left !== 0) return null;
  return { h: xShape[1], w: xShape[2], c: xShape[3], oh: yShape[1], ow: yShape[2], fh, fw };
}
