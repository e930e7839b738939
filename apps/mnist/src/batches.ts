/**
 * Training batches streamed from the raw bytes: the 60,000 images stay on the host as uint8
 * (47 MB) and each batch is converted to float32 pixels 0..255 and uploaded when fit asks for it
 * (the model pads and normalises them itself). Uploading the
 * whole training set as float32 instead costs 245 MB on the device plus a transient host copy of
 * the same size, which is most of the run's memory on the CPU and wasm backends. The validation
 * and test sets are streamed the same way, in order (batchesInOrder).
 */
import { tensor1d, tensor4d, type Tensor } from '@tensile/core';
import { seededRandom } from '@tensile/layers';
import { imagesToFloat, PIXELS, SIDE, toFloat, type MnistImages, type MnistRaw } from './pixels.js';

export { seededRandom };

/** Fisher-Yates over `order` in place. */
export function shuffle(order: Uint32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

export interface StreamOptions {
  batchSize: number;
  /** Images [from, to) of `raw` are the training set (the rest is validation). */
  from: number;
  to: number;
  seed: number;
  shuffle?: boolean;
}

export function stepsPerEpoch(o: StreamOptions): number {
  return Math.ceil((o.to - o.from) / o.batchSize);
}

/**
 * An endless stream of `{x, y}` batches, epoch after epoch, reshuffled at each epoch start; the
 * last batch of an epoch is smaller when the size does not divide. Pass `stepsPerEpoch(o)` to fit.
 * fit disposes each batch after its step.
 */
export async function* trainingBatches(raw: MnistImages, o: StreamOptions): AsyncGenerator<{ x: Tensor; y: Tensor }> {
  const n = o.to - o.from;
  if (n <= 0) throw new Error(`trainingBatches: no training images in [${o.from}, ${o.to})`);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = o.from + i;
  const random = seededRandom(o.seed);
  // One host buffer reused for every batch: tensor creation copies it.
  const pixels = new Float32Array(o.batchSize * PIXELS);
  const labels = new Int32Array(o.batchSize);
  for (;;) {
    if (o.shuffle ?? true) shuffle(order, random);
    for (let start = 0; start < n; start += o.batchSize) {
      const count = Math.min(o.batchSize, n - start);
      imagesToFloat(raw, order, start, count, pixels);
      for (let i = 0; i < count; i++) labels[i] = raw.labels[order[start + i]];
      yield {
        x: tensor4d(pixels.subarray(0, count * PIXELS), [count, SIDE, SIDE, 1]),
        y: tensor1d(labels.subarray(0, count), 'int32'),
      };
    }
  }
}

/**
 * Images [from, to) in order, in batches of `batchSize` (the last one smaller), each converted and
 * uploaded when asked for: what fit's validationData and evaluate take instead of the whole set as
 * one float32 tensor. Re-iterable, so fit can run it again at every epoch's end; the consumer
 * disposes each batch (fit and evaluate do).
 */
export function batchesInOrder(raw: MnistImages, from: number, to: number, batchSize: number): AsyncIterable<{ x: Tensor; y: Tensor }> {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batchesInOrder: batchSize must be a positive integer, got ${batchSize}`);
  if (!(from >= 0 && from < to && to <= raw.n)) throw new Error(`batchesInOrder: no images in [${from}, ${to}) of ${raw.n}`);
  return {
    async *[Symbol.asyncIterator]() {
      // One host buffer for all the batches, as in trainingBatches.
      const pixels = new Float32Array(Math.min(batchSize, to - from) * PIXELS);
      for (let start = from; start < to; start += batchSize) {
        const count = Math.min(batchSize, to - start);
        imagesToFloat(raw, null, start, count, pixels);
        yield {
          x: tensor4d(pixels.subarray(0, count * PIXELS), [count, SIDE, SIDE, 1]),
          y: tensor1d(raw.labels.subarray(start, start + count), 'int32'),
        };
      }
    },
  };
}

/** Images [from, to) as two tensors (the whole set at once, for `--data tensors` and the page). */
export function tensorsOf(raw: MnistRaw, from: number, to: number): { x: Tensor; y: Tensor } {
  const count = to - from;
  const pixels = new Float32Array(count * PIXELS);
  toFloat(raw.pixels, null, from, count, pixels);
  return { x: tensor4d(pixels, [count, SIDE, SIDE, 1]), y: tensor1d(raw.labels.subarray(from, to), 'int32') };
}
