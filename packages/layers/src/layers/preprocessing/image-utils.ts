/** What the image preprocessing layers share: rank checks, Keras 3's crop-to-aspect-ratio and resize. */
import { cast, image, ShapeError, slice, type Tensor } from '@tensile/core';

export type Interpolation = 'bilinear' | 'nearest';

/** Images as [batch, height, width, channels] or one [height, width, channels]. */
export function checkImages(layer: string, shape: readonly (number | null)[]): void {
  if (shape.length !== 3 && shape.length !== 4) {
    throw new ShapeError(
      `${layer}: expected images of rank 4 [batch, height, width, channels] or rank 3 [height, width, channels], got shape (${shape.map(String).join(', ')})`,
    );
  }
}

/** The largest centred window of the target's aspect ratio (Keras 3's smart_resize crop), sliced. */
export function cropToAspect(x: Tensor, height: number, width: number): Tensor {
  const r = x.rank;
  const [h, w] = [x.shape[r - 3], x.shape[r - 2]];
  const cropH = Math.max(Math.min(h, Math.trunc((w * height) / width)), 1);
  const cropW = Math.max(Math.min(w, Math.trunc((h * width) / height)), 1);
  return sliceHW(x, Math.trunc((h - cropH) / 2), Math.trunc((w - cropW) / 2), cropH, cropW);
}

/** Rows [top, top + h) and columns [left, left + w) of every image. */
export function sliceHW(x: Tensor, top: number, left: number, h: number, w: number): Tensor {
  if (x.rank === 3) return slice(x, [top, left, 0], [h, w, -1]);
  return slice(x, [0, top, left, 0], [-1, h, w, -1]);
}

/** Keras 3's resize (TensorFlow's tf.image.resize: half-pixel centres), output float32. */
export function resizeImages(x: Tensor, height: number, width: number, interpolation: Interpolation): Tensor {
  const xf = x.dtype === 'float32' ? x : cast(x, 'float32');
  return interpolation === 'bilinear'
    ? image.resizeBilinear(xf, [height, width], false, true)
    : image.resizeNearestNeighbor(xf, [height, width], false, true);
}
