/** What both resize ops share: argument checks, and the source coordinates TF.js 4.22 samples. */
import { ArgumentError, ShapeError } from '../../errors.js';
import { formatShape } from '../../shape.js';
import type { Tensor } from '../../tensor.js';

export interface ResizeArgs {
  /** The images as rank 4 (a rank-3 input is one image, given a batch of 1). */
  readonly batched: boolean;
  readonly newHeight: number;
  readonly newWidth: number;
}

export function checkResize(op: string, images: Tensor, size: unknown, alignCorners: boolean, halfPixelCenters: boolean): ResizeArgs {
  if (images.rank !== 3 && images.rank !== 4) {
    throw new ShapeError(
      `${op}: images must be rank 3 [height, width, channels] or rank 4 [batch, height, width, channels], got shape ${formatShape(images.shape)}`,
    );
  }
  if (!Array.isArray(size) || size.length !== 2 || !size.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new ArgumentError(`${op}: size must be [newHeight, newWidth] of positive integers, got ${JSON.stringify(size)}`);
  }
  if (typeof alignCorners !== 'boolean' || typeof halfPixelCenters !== 'boolean') {
    throw new ArgumentError(
      `${op}: alignCorners and halfPixelCenters must be booleans, got ${String(alignCorners)} and ${String(halfPixelCenters)}`,
    );
  }
  if (alignCorners && halfPixelCenters) throw new ArgumentError(`${op}: alignCorners and halfPixelCenters cannot both be true`);
  return { batched: images.rank === 4, newHeight: size[0], newWidth: size[1] };
}

/** Input pixels per output pixel along one axis, as TF.js computes it. */
export function sizeRatio(oldSize: number, newSize: number, alignCorners: boolean): number {
  return alignCorners && newSize > 1 ? (oldSize - 1) / (newSize - 1) : oldSize / newSize;
}
