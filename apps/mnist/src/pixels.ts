/**
 * MNIST images as bytes and the conversion to what the model takes (float32 pixels 0..255). No
 * Node APIs here: the browser page's worker uses the same code as the CLI.
 */

/** MNIST images are 28x28 pixels, one channel. */
export const SIDE = 28;
export const PIXELS = SIDE * SIDE;

/** The raw bytes of a split: 28x28 uint8 pixels, row-major, and labels 0..9. */
export interface MnistRaw {
  readonly pixels: Uint8Array;
  readonly labels: Int32Array;
  readonly n: number;
}

/**
 * A split whose images are read when a batch needs them instead of held as bytes: the CLI reads
 * them from the IDX file (data.ts, openMnist), so the training set costs no memory of its own.
 */
export interface MnistReader {
  readonly labels: Int32Array;
  readonly n: number;
  /** As toFloat, from wherever the images are kept. */
  readFloat(order: ArrayLike<number> | null, start: number, count: number, out: Float32Array): void;
}

/** Images held as bytes or read on demand: what the batch streams take. */
export type MnistImages = MnistRaw | MnistReader;

/** toFloat for either kind of split. */
export function imagesToFloat(src: MnistImages, order: ArrayLike<number> | null, start: number, count: number, out: Float32Array): void {
  if ('pixels' in src) toFloat(src.pixels, order, start, count, out);
  else src.readFloat(order, start, count, out);
}

/**
 * Writes `count` images as float32 pixel values 0..255 into `out` ([count, 28, 28, 1]): image
 * `order[start + i]` of `src` (or `start + i` when `order` is null) goes to slot i.
 */
export function toFloat(src: Uint8Array, order: ArrayLike<number> | null, start: number, count: number, out: Float32Array): void {
  for (let i = 0; i < count; i++) {
    const s = (order === null ? start + i : order[start + i]) * PIXELS;
    out.set(src.subarray(s, s + PIXELS), i * PIXELS);
  }
}
