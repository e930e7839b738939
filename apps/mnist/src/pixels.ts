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
 * Writes `count` images as float32 pixel values 0..255 into `out` ([count, 28, 28, 1]): image
 * `order[start + i]` of `src` (or `start + i` when `order` is null) goes to slot i.
 */
export function toFloat(src: Uint8Array, order: ArrayLike<number> | null, start: number, count: number, out: Float32Array): void {
  for (let i = 0; i < count; i++) {
    const s = (order === null ? start + i : order[start + i]) * PIXELS;
    out.set(src.subarray(s, s + PIXELS), i * PIXELS);
  }
}
