import type { BackendValues } from '../dtype.js';
import { shapesEqual, sizeFromShape, type Shape } from '../shape.js';
import { broadcastIndexMap } from './broadcast.js';

/** dst[i] = condition ? a : b, each operand broadcast to `outShape`. */
export function selectInto(
  c: BackendValues,
  cShape: Shape,
  a: BackendValues,
  aShape: Shape,
  b: BackendValues,
  bShape: Shape,
  dst: BackendValues,
  outShape: Shape,
): void {
  const size = sizeFromShape(outShape);
  const same = (s: Shape): boolean => shapesEqual(s, outShape);
  // Same shapes (the common case) skip building three index maps.
  if (same(cShape) && same(aShape) && same(bShape)) {
    for (let i = 0; i < size; i++) dst[i] = c[i] !== 0 ? a[i] : b[i];
  } else {
    const ci = broadcastIndexMap(cShape, outShape);
    const ai = broadcastIndexMap(aShape, outShape);
    const bi = broadcastIndexMap(bShape, outShape);
    for (let i = 0; i < size; i++) dst[i] = c[ci[i]] !== 0 ? a[ai[i]] : b[bi[i]];
  }
}
