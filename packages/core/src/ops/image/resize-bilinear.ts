/**
 * `image.resizeBilinear(images, [newHeight, newWidth], alignCorners, halfPixelCenters)`, as
 * TensorFlow.js 4.22 (its sampling coordinates and interpolation order: along the width, then the
 * height). Composed from `gather` and arithmetic, so no backend needs a kernel and the gradient
 * with respect to the images comes from autodiff. The output is float32.
 */
import { ENGINE } from '../../engine.js';
import type { Tensor } from '../../tensor.js';
import { add, mul, sub } from '../binary.js';
import { cast } from '../cast.js';
import { convertToTensor, type TensorLike } from '../convert.js';
import { tensor } from '../creation.js';
import { gather } from '../gather.js';
import { expandDims, squeeze } from '../reshape.js';
import { checkResize, sizeRatio } from './resize-util.js';

/** Floor and ceil source indices and the fraction between them, for each output position. */
function bilinearAxis(oldSize: number, newSize: number, alignCorners: boolean, halfPixelCenters: boolean) {
  const ratio = sizeRatio(oldSize, newSize, alignCorners);
  const lo = new Int32Array(newSize);
  const hi = new Int32Array(newSize);
  const frac = new Float32Array(newSize);
  for (let i = 0; i < newSize; i++) {
    const src = halfPixelCenters ? ratio * (i + 0.5) - 0.5 : ratio * i;
    lo[i] = Math.max(0, Math.floor(src));
    hi[i] = Math.min(oldSize - 1, Math.ceil(src));
    frac[i] = src - lo[i];
  }
  return { lo, hi, frac };
}

/** Linear interpolation along `axis` of a rank-4 tensor. */
function lerpAxis(x: Tensor, axis: 1 | 2, newSize: number, alignCorners: boolean, halfPixelCenters: boolean): Tensor {
  const { lo, hi, frac } = bilinearAxis(x.shape[axis], newSize, alignCorners, halfPixelCenters);
  const a = gather(x, tensor(lo, [newSize], 'int32'), axis);
  const b = gather(x, tensor(hi, [newSize], 'int32'), axis);
  const f = tensor(frac, axis === 1 ? [newSize, 1, 1] : [newSize, 1]);
  return add(a, mul(sub(b, a), f));
}

export function resizeBilinear(
  images: TensorLike,
  size: readonly [number, number],
  alignCorners = false,
  halfPixelCenters = false,
): Tensor {
  return ENGINE.tidy(() => {
    const $images = convertToTensor(images, 'images', 'resizeBilinear');
    const { batched, newHeight, newWidth } = checkResize('resizeBilinear', $images, size, alignCorners, halfPixelCenters);
    const x4 = batched ? $images : expandDims($images, 0);
    const xf = x4.dtype === 'float32' ? x4 : cast(x4, 'float32');
    const y = lerpAxis(lerpAxis(xf, 2, newWidth, alignCorners, halfPixelCenters), 1, newHeight, alignCorners, halfPixelCenters);
    return batched ? y : squeeze(y, [0]);
  });
}
