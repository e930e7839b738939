import type { BackendValues } from '../dtype.js';
import { sizeFromShape, type Shape } from '../shape.js';
import { copyRun } from './permute.js';

export interface ShapedValues {
  readonly values: BackendValues;
  readonly shape: Shape;
}

/** Each input contributes one contiguous block per index of the dimensions before `axis`. */
export function concatInto(xs: readonly ShapedValues[], axis: number, dst: BackendValues, outShape: Shape): void {
  const total = sizeFromShape(outShape);
  const outer = sizeFromShape(outShape.slice(0, axis));
  const row = outer === 0 ? 0 : total / outer;
  let offset = 0;
  for (const { values, shape } of xs) {
    const block = sizeFromShape(shape.slice(axis));
    for (let o = 0; o < outer; o++) copyRun(values, o * block, dst, o * row + offset, block);
    offset += block;
  }
}
