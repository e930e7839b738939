/**
 * Sampling of images translated by a per-image offset, as TensorFlow's ImageProjectiveTransform
 * (which Keras 3's RandomTranslation runs on its TensorFlow backend): output pixel (y, x) reads
 * input (y - dy, x - dx), the coordinate mapped by the fill mode, then interpolated (nearest rounds,
 * bilinear mixes two neighbours per axis), with `fillValue` for reads outside the image. A
 * translation moves rows and columns independently, so the two axes are sampled one after the
 * other, each a gather with per-image indices.
 */
import {
  add,
  cast,
  clipByValue,
  floor,
  gather,
  greaterEqual,
  lessEqual,
  logicalAnd,
  mod,
  mul,
  range,
  reshape,
  round,
  sub,
  type Tensor,
  where,
} from '@tensile/core';

export type FillMode = 'reflect' | 'wrap' | 'constant' | 'nearest';
export const FILL_MODES: readonly FillMode[] = ['reflect', 'wrap', 'constant', 'nearest'];

/** TensorFlow's map_coordinate for one axis of length `len` (constant leaves it for the read). */
function mapCoordinate(c: Tensor, len: number, mode: FillMode): Tensor {
  if (mode === 'constant') return c;
  if (len <= 1) return mul(c, 0);
  if (mode === 'nearest') return clipByValue(c, 0, len - 1);
  if (mode === 'wrap') return clipByValue(mod(c, len), 0, len - 1);
  const m = mod(c, 2 * len);
  return clipByValue(where(greaterEqual(m, len), sub(2 * len - 1, m), m), 0, len - 1);
}

/** Values of x4 [b, h, w, c] at integer positions `idx` [b, n] along `axis`, fill outside. */
function readAxis(x4: Tensor, axis: 1 | 2, idx: Tensor, fillValue: number): Tensor {
  const [b, h, w, c] = x4.shape;
  const len = axis === 1 ? h : w;
  const inside = logicalAnd(greaterEqual(idx, 0), lessEqual(idx, len - 1));
  const safe = cast(clipByValue(idx, 0, len - 1), 'int32');
  let out: Tensor;
  let mask: Tensor;
  if (axis === 1) {
    const flat = add(safe, reshape(mul(range(0, b, 1, 'int32'), h), [b, 1]));
    out = reshape(gather(reshape(x4, [b * h, w * c]), reshape(flat, [b * h])), [b, h, w, c]);
    mask = reshape(inside, [b, h, 1, 1]);
  } else {
    const rowBase = reshape(mul(range(0, b * h, 1, 'int32'), w), [b, h, 1]);
    const flat = add(rowBase, reshape(safe, [b, 1, w]));
    out = reshape(gather(reshape(x4, [b * h * w, c]), reshape(flat, [b * h * w])), [b, h, w, c]);
    mask = reshape(inside, [b, 1, w, 1]);
  }
  return where(mask, out, fillValue);
}

/** Resamples x4 along `axis` at coordinates `coords` [b, len] (float). */
function sampleAxis(
  x4: Tensor,
  axis: 1 | 2,
  coords: Tensor,
  mode: FillMode,
  interpolation: 'bilinear' | 'nearest',
  fillValue: number,
): Tensor {
  const c = mapCoordinate(coords, x4.shape[axis], mode);
  if (interpolation === 'nearest') return readAxis(x4, axis, round(c), fillValue);
  const lo = floor(c);
  const f = reshape(sub(c, lo), axis === 1 ? [x4.shape[0], x4.shape[1], 1, 1] : [x4.shape[0], 1, x4.shape[2], 1]);
  const a = readAxis(x4, axis, lo, fillValue);
  const b = readAxis(x4, axis, add(lo, 1), fillValue);
  return add(a, mul(sub(b, a), f));
}

/** Images x4 [b, h, w, c] (float32) translated by dy, dx [b] pixels. */
export function translateImages(
  x4: Tensor,
  dy: Tensor,
  dx: Tensor,
  mode: FillMode,
  interpolation: 'bilinear' | 'nearest',
  fillValue: number,
): Tensor {
  const [b, h, w] = x4.shape;
  const ys = sub(reshape(range(0, h), [1, h]), reshape(dy, [b, 1]));
  const xs = sub(reshape(range(0, w), [1, w]), reshape(dx, [b, 1]));
  return sampleAxis(sampleAxis(x4, 1, ys, mode, interpolation, fillValue), 2, xs, mode, interpolation, fillValue);
}
