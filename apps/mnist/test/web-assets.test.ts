/**
 * The MNIST assets of the browser page: what scripts/build-web-assets.mjs wrote (in the app's
 * build), fetched and checked by web/src/mnist-assets.ts as the page's worker does, here from a
 * local HTTP server in Node (which has fetch and DecompressionStream too). The bytes must be the
 * IDX files' own, and damaged or foreign files must be refused with their names.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnistRaw, PIXELS } from '../src/data.js';
import { MnistAssets } from '../web/src/mnist-assets.js';

const data = fileURLToPath(new URL('../generated/web-public/data/', import.meta.url));

/** Serves `dir`; with `encode`, .gz files go out with Content-Encoding: gzip (as Vite's preview does). */
function serve(dir: string, encode: boolean): Promise<{ base: URL; server: Server }> {
  const server = createServer((req, res) => {
    const file = join(dir, new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/data\//, ''));
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, encode && file.endsWith('.gz') ? { 'Content-Encoding': 'gzip' } : {}).end(readFileSync(file));
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ server, base: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/data/`) }),
    ),
  );
}

describe('the browser page MNIST assets', () => {
  const servers: Server[] = [];
  let copy: string;

  beforeAll(() => {
    expect(existsSync(join(data, 'manifest.json')), 'build the app first: npm run build -w @tensile/mnist-app').toBe(true);
    copy = mkdtempSync(join(tmpdir(), 'tensile-web-data-'));
  });
  afterAll(() => {
    for (const s of servers) s.close();
    rmSync(copy, { recursive: true, force: true });
  });

  async function assetsAt(dir: string, encode = false): Promise<MnistAssets> {
    const { base, server } = await serve(dir, encode);
    servers.push(server);
    return new MnistAssets(base);
  }

  it('are the IDX files own bytes, across a chunk boundary, and only the chunks needed are fetched', async () => {
    const assets = await assetsAt(data);
    const want = loadMnistRaw('train', { limit: 12_000 });
    const got = await assets.load('train', 12_000);
    expect(got.n).toBe(12_000);
    expect(Buffer.compare(Buffer.from(got.pixels), Buffer.from(want.pixels))).toBe(0);
    expect([...got.labels]).toEqual([...want.labels]);
    const manifest = JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8'));
    const train = manifest.splits.train;
    // Two image chunks (10,000 each) and the labels: not the whole 11 MB.
    expect(assets.fetchedBytes).toBe(train.images[0].gzipBytes + train.images[1].gzipBytes + train.labels.gzipBytes);
    // A second, smaller request fetches nothing more.
    await assets.load('train', 500);
    expect(assets.fetchedBytes).toBe(train.images[0].gzipBytes + train.images[1].gzipBytes + train.labels.gzipBytes);
  });

  it('load the same through a server that sends Content-Encoding: gzip', async () => {
    const assets = await assetsAt(data, true);
    const got = await assets.load('test', 300);
    const want = loadMnistRaw('test', { limit: 300 });
    expect(Buffer.compare(Buffer.from(got.pixels), Buffer.from(want.pixels))).toBe(0);
  });

  it('refuse a truncated chunk, naming it', async () => {
    for (const f of ['manifest.json', 'test-labels.u8.gz']) copyFileSync(join(data, f), join(copy, f));
    const chunk = readFileSync(join(data, 'test-images-00.u8.gz'));
    writeFileSync(join(copy, 'test-images-00.u8.gz'), chunk.subarray(0, chunk.length - 100));
    const assets = await assetsAt(copy);
    await expect(assets.load('test', 10)).rejects.toThrow(/test-images-00\.u8\.gz: got \d+ bytes, the manifest says \d+/);
  });

  it('refuse a chunk that inflates to the wrong size, and labels out of range', async () => {
    const manifest = JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8'));
    const labels = gunzipSync(readFileSync(join(data, 'test-labels.u8.gz')));
    labels[3] = 12;
    const bad = gzipSync(labels);
    writeFileSync(join(copy, 'test-labels.u8.gz'), bad);
    manifest.splits.test.labels.gzipBytes = bad.length;
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
    copyFileSync(join(data, 'test-images-00.u8.gz'), join(copy, 'test-images-00.u8.gz'));
    await expect((await assetsAt(copy)).load('test', 10)).rejects.toThrow('test-labels.u8.gz: label 3 is 12, expected 0..9');

    const short = gzipSync(Buffer.alloc(100 * PIXELS));
    writeFileSync(join(copy, 'test-images-00.u8.gz'), short);
    manifest.splits.test.images[0].gzipBytes = short.length;
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
    await expect((await assetsAt(copy)).load('test', 10)).rejects.toThrow(
      /test-images-00\.u8\.gz: inflates to 78400 bytes, expected 7840000/,
    );
  });

  it('refuse a manifest that is not theirs or names files outside the folder', async () => {
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify({ format: 'something-else' }));
    await expect((await assetsAt(copy)).load('train', 1)).rejects.toThrow(
      `manifest.json: format is "something-else", expected 'tensile-mnist-web/1'`,
    );
    const manifest = JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8'));
    manifest.splits.train.images[0].file = '../../etc/passwd';
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
    await expect((await assetsAt(copy)).load('train', 1)).rejects.toThrow(/manifest\.json: bad chunk entry/);
  });
});
