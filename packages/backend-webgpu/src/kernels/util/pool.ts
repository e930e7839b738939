import type { Pool2dAttrs, Shape } from '@tensile/core';

/** Uniform values for POOL_UNIFORMS, `size` being the count of threads (outputs or inputs). */
export function poolUniforms(size: number, xShape: Shape, yShape: Shape, attrs: Pool2dAttrs): number[] {
  const [, h, w, c] = xShape;
  return [
    size, h, w, c, yShape[1], yShape[2], attrs.filterSize[0], attrs.filterSize[1],
    attrs.strides[0], attrs.strides[1], attrs.pad.top, attrs.pad.left,
  ];
}
