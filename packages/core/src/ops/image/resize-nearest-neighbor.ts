/**
 * `image.resizeNearestNeighbor(images, [newHeight, newWidth], alignCorners, halfPixelCenters)`,
 * as TensorFlow.js 4.22 (its choice of source pixel, which rounds with alignCorners and floors
 * otherwise). Two gathers, so every backend runs it and gradients flow to the chosen pixels. The
 * output keeps the input's dtype.
 */
import { ENGINE } from '../../engine.js';
import type { Tensor } from '../../tensor.js';
import { convertToTensor, type TensorLike } from '../convert.js';
import { tensor } from '../creation.js';
import { gather } from '../gather.js';
import { expandDims, squeeze } from '../reshape.js';
import { checkResize, sizeRatio } from './resize-util.js';

function nearestAxis(oldSize: number, newSize: number, alignCorners: boolean, halfPixelCenters: boolean): Int32Array {
  const ratio = sizeRatio(oldSize, newSize, alignCorners);
  const idx = new Int32Array(newSize);
  for (let i = 0; i < newSize; i++) {
    const src = halfPixelCenters ? ratio * (i + 0.5) : ratio * i;
    let k = Math.min(oldSize - 1, alignCorners ? Math.round(src) : Math.floor(src));
    if (halfPixelCenters) k = Math.max(0, k);
    idx[i] = k;
  }
  return idx;
}

export function resizeNearestNeighbor(
  images: TensorLike,
  size: readonly [number, number],
  alignCorners = false,
  halfPixelCenters = false,
): Tensor {
  return ENGINE.tidy(() => {
    const $images = convertToTensor(images, 'images', 'resizeNearestNeighbor');
    const { batched, newHeight, newWidth } = checkResize('resizeNearestNeighbor', $images, size, alignCorners, halfPixelCenters);
    const x4 = batched ? $images : expandDims($images, 0);
    const [, h, w] = x4.shape;
    const rows = gather(x4, tensor(nearestAxis(h, newHeight, alignCorners, halfPixelCenters), [newHeight], 'int32'), 1);
    const y = gather(rows, tensor(nearestAxis(w, newWidth, alignCorners, halfPixelCenters), [newWidth], 'int32'), 2);
    return batched ? y : squeeze(y, [0]);
  });
}
