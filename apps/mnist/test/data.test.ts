import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  IdxFormatError,
  MNIST_FILES,
  labelCounts,
  loadMnist,
  loadMnistRaw,
  mnistDataDir,
  openMnist,
  parseIdx,
  readIdxFile,
} from '../src/data.js';
import { seededRandom, shuffle } from '../src/batches.js';

const dir = mnistDataDir();
const tmp = mkdtempSync(join(tmpdir(), 'mnist-idx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('IDX reader on the real files', () => {
  it('reads 60,000 training and 10,000 test images of 28x28', () => {
    const train = readIdxFile(join(dir, MNIST_FILES.train.images), IDX_IMAGES_MAGIC);
    expect(train.dims).toEqual([60000, 28, 28]);
    expect(train.data.length).toBe(60000 * 784);
    const test = readIdxFile(join(dir, MNIST_FILES.test.images), IDX_IMAGES_MAGIC);
    expect(test.dims).toEqual([10000, 28, 28]);
  });

  it('has the canonical training label counts', () => {
    const { labels, n } = loadMnist('train');
    expect(n).toBe(60000);
    expect(labelCounts(labels)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(loadMnist('test').n).toBe(10000);
    expect(labelCounts(loadMnist('test').labels)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it('gives raw pixels 0..255 as float32, 28x28x1, unpadded (the model pads and normalises)', () => {
    const d = loadMnist('train', { limit: 3 });
    expect(d.images.length).toBe(3 * 28 * 28);
    const raw = readIdxFile(join(dir, MNIST_FILES.train.images), IDX_IMAGES_MAGIC).data;
    expect(Array.from(d.images)).toEqual(Array.from(raw.subarray(0, 3 * 784)));
    // Real digits: black background (0) and saturated ink (255) are both there.
    expect(Math.min(...d.images)).toBe(0);
    expect(Math.max(...d.images)).toBe(255);
    expect(d.labels.length).toBe(3);
  });

  it('limit keeps the first N', () => {
    const a = loadMnist('test', { limit: 5 });
    const b = loadMnist('test');
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels.subarray(0, 5)));
  });
});

describe('IDX reader on corrupt files', () => {
  it('names the file and the sizes when a file is truncated', () => {
    const src = join(dir, MNIST_FILES.test.labels);
    const bad = join(tmp, 'truncated-labels-idx1-ubyte');
    const bytes = readFileSync(src);
    writeFileSync(bad, bytes.subarray(0, bytes.length - 100));
    expect(() => readIdxFile(bad, IDX_LABELS_MAGIC)).toThrow(IdxFormatError);
    expect(() => readIdxFile(bad, IDX_LABELS_MAGIC)).toThrow(
      `${bad}: wrong size for an IDX file of dims [10000]: got 9908 bytes, expected 10008 (truncated download?)`,
    );
  });

  it('gives a clear error for a wrong magic number', () => {
    const bad = join(tmp, 'wrong-magic');
    const bytes = Buffer.from(readFileSync(join(dir, MNIST_FILES.test.labels)));
    bytes.writeUInt32BE(0x12345678, 0);
    writeFileSync(bad, bytes);
    expect(() => readIdxFile(bad, IDX_LABELS_MAGIC)).toThrow(
      `${bad}: not an IDX file of the expected kind: got magic 0x12345678, expected 0x00000801`,
    );
    // Labels where images are expected is also a wrong magic.
    expect(() => readIdxFile(join(dir, MNIST_FILES.test.labels), IDX_IMAGES_MAGIC)).toThrow(/got magic 0x00000801, expected 0x00000803/);
  });

  it('rejects a truncated header and a too-long file', () => {
    expect(() => parseIdx(new Uint8Array([0, 0, 8]), 'x.idx', IDX_LABELS_MAGIC)).toThrow(/x\.idx: truncated IDX file: got 3 bytes/);
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0]), 'y.idx', IDX_IMAGES_MAGIC)).toThrow(
      /y\.idx: truncated IDX header: got 6 bytes, expected at least 16/,
    );
    const long = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 7, 7]);
    expect(() => parseIdx(long, 'z.idx', IDX_LABELS_MAGIC)).toThrow(
      'z.idx: wrong size for an IDX file of dims [2]: got 11 bytes, expected 10',
    );
  });

  it('loadMnist names the corrupt file in a directory of copies', () => {
    for (const f of Object.values(MNIST_FILES.test)) copyFileSync(join(dir, f), join(tmp, f));
    const img = join(tmp, MNIST_FILES.test.images);
    writeFileSync(img, readFileSync(img).subarray(0, 5000));
    expect(() => loadMnist('test', { dir: tmp })).toThrow(
      `${img}: wrong size for an IDX file of dims [10000, 28, 28]: got 5000 bytes, expected 7840016`,
    );
  });
});

describe('openMnist: images read from the file when a batch asks', () => {
  // The oracle: the whole file parsed at once, each byte widened to float32.
  const bytes = readIdxFile(join(dir, MNIST_FILES.train.images), IDX_IMAGES_MAGIC).data;
  const expectImages = (out: Float32Array, indexes: readonly number[]) => {
    expect(out.length).toBeGreaterThanOrEqual(indexes.length * 784);
    indexes.forEach((k, i) => {
      const want = Float32Array.from(bytes.subarray(k * 784, (k + 1) * 784));
      expect(out.subarray(i * 784, (i + 1) * 784)).toEqual(want);
    });
  };

  it('gives the bytes of the images a shuffled order names, and in-order runs up to the last image', () => {
    const f = openMnist('train');
    try {
      expect(f.n).toBe(60000);
      expect(Array.from(f.labels)).toEqual(Array.from(loadMnistRaw('train').labels));
      const order = Uint32Array.from({ length: 60000 }, (_, i) => i);
      shuffle(order, seededRandom(5));
      const out = new Float32Array(64 * 784);
      for (const start of [0, 31_000, 60000 - 64]) {
        f.readFloat(order, start, 64, out);
        expectImages(out, Array.from(order.subarray(start, start + 64)));
      }
      // A smaller batch after a larger one: only its slots are written.
      out.fill(-1);
      f.readFloat(null, 59_990, 10, out);
      expectImages(
        out,
        Array.from({ length: 10 }, (_, i) => 59_990 + i),
      );
      expect(out[10 * 784]).toBe(-1);
    } finally {
      f.close();
    }
  });

  it('keeps to the limit, and says so when asked for more or after close', () => {
    const f = openMnist('test', { limit: 100 });
    expect(f.n).toBe(100);
    expect(Array.from(f.labels)).toEqual(Array.from(loadMnistRaw('test').labels.subarray(0, 100)));
    const out = new Float32Array(2 * 784);
    expect(() => f.readFloat(null, 99, 2, out)).toThrow(/image 100 of .*t10k-images-idx3-ubyte asked for; it has 100/);
    expect(() => f.readFloat([3, 100], 0, 2, out)).toThrow(RangeError);
    f.close();
    expect(() => f.readFloat(null, 0, 1, out)).toThrow(/t10k-images-idx3-ubyte was closed/);
  });

  it('checks the files as loadMnist does, without reading the images', () => {
    const copies = mkdtempSync(join(tmpdir(), 'mnist-open-'));
    try {
      for (const f of Object.values(MNIST_FILES.test)) copyFileSync(join(dir, f), join(copies, f));
      const img = join(copies, MNIST_FILES.test.images);
      writeFileSync(img, readFileSync(img).subarray(0, 5000));
      const msg = `${img}: wrong size for an IDX file of dims [10000, 28, 28]: got 5000 bytes, expected 7840016 (truncated download?)`;
      expect(() => loadMnist('test', { dir: copies })).toThrow(msg);
      expect(() => openMnist('test', { dir: copies })).toThrow(msg);
      writeFileSync(img, new Uint8Array([0, 0, 8]));
      expect(() => openMnist('test', { dir: copies })).toThrow(
        `${img}: truncated IDX file: got 3 bytes, expected at least a 4-byte header`,
      );
      // The label file where the images belong: a wrong magic.
      copyFileSync(join(dir, MNIST_FILES.test.labels), img);
      expect(() => openMnist('test', { dir: copies })).toThrow(/got magic 0x00000801, expected 0x00000803/);
    } finally {
      rmSync(copies, { recursive: true, force: true });
    }
  });
});
