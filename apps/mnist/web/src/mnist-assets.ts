/**
 * MNIST in the browser: the gzip chunks that scripts/build-web-data.mjs wrote, fetched from the
 * page's own server and inflated with DecompressionStream. Only the chunks a run needs are
 * fetched, once. The manifest and every file are checked (sizes before and after inflating,
 * labels 0..9): a truncated or foreign file fails here with its name, not later in training.
 */
export type Split = 'train' | 'test';

interface ChunkEntry {
  readonly file: string;
  readonly count: number;
  readonly bytes: number;
  readonly gzipBytes: number;
}

interface SplitEntry {
  readonly count: number;
  readonly images: readonly ChunkEntry[];
  readonly labels: { readonly file: string; readonly bytes: number; readonly gzipBytes: number };
}

interface Manifest {
  readonly format: string;
  readonly pixels: number;
  readonly splits: Readonly<Record<Split, SplitEntry>>;
}

export const PIXELS = 784;
const FORMAT = 'tensile-mnist-web/1';

/** The first `n` images of a split: bytes 0..255, 28x28 row-major, and labels 0..9. */
export interface MnistSubset {
  readonly n: number;
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
}

export class MnistAssetError extends Error {
  override name = 'MnistAssetError';
}

async function fetchInflated(base: URL, file: string, gzipBytes: number, bytes: number): Promise<Uint8Array> {
  const url = new URL(file, base);
  const res = await fetch(url);
  if (!res.ok || res.body === null) throw new MnistAssetError(`mnist data: ${url.pathname}: HTTP ${res.status}`);
  const gz = new Uint8Array(await res.arrayBuffer());
  // A server that sends .gz files with Content-Encoding: gzip (Vite's preview does) has the
  // browser inflate them already.
  if (gz.length === bytes && res.headers.get('Content-Encoding') === 'gzip') return gz;
  if (gz.length !== gzipBytes) {
    throw new MnistAssetError(`mnist data: ${url.pathname}: got ${gz.length} bytes, the manifest says ${gzipBytes} (gzip) or ${bytes}`);
  }
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  const out = new Uint8Array(await new Response(stream).arrayBuffer());
  if (out.length !== bytes) {
    throw new MnistAssetError(`mnist data: ${url.pathname}: inflates to ${out.length} bytes, expected ${bytes}`);
  }
  return out;
}

function checkManifest(m: unknown, where: string): Manifest {
  const bad = (why: string): never => {
    throw new MnistAssetError(`mnist data: ${where}: ${why}`);
  };
  if (typeof m !== 'object' || m === null) return bad('not a JSON object');
  const man = m as Partial<Manifest>;
  if (man.format !== FORMAT) bad(`format is ${JSON.stringify(man.format)}, expected '${FORMAT}'`);
  if (man.pixels !== PIXELS) bad(`pixels is ${String(man.pixels)}, expected ${PIXELS}`);
  for (const split of ['train', 'test'] as const) {
    const s = man.splits?.[split];
    if (!s || !Array.isArray(s.images) || typeof s.labels?.file !== 'string') return bad(`no '${split}' split`);
    let total = 0;
    for (const c of s.images) {
      if (!/^[\w.-]+$/.test(c.file) || c.bytes !== c.count * PIXELS) bad(`bad chunk entry ${JSON.stringify(c)}`);
      total += c.count;
    }
    if (total !== s.count || s.labels.bytes !== s.count || !/^[\w.-]+$/.test(s.labels.file)) bad(`'${split}' counts disagree`);
  }
  return man as Manifest;
}

/** Fetches once, keeps what it fetched: a second run on the same or fewer images fetches nothing. */
export class MnistAssets {
  private manifest: Promise<Manifest> | null = null;
  private readonly chunks = new Map<string, Promise<Uint8Array>>();
  /** Compressed bytes fetched so far (what the network carried). */
  fetchedBytes = 0;

  constructor(private readonly base: URL) {}

  private getManifest(): Promise<Manifest> {
    this.manifest ??= fetch(new URL('manifest.json', this.base)).then(async (res) => {
      if (!res.ok) throw new MnistAssetError(`mnist data: manifest.json: HTTP ${res.status}`);
      return checkManifest(await res.json(), 'manifest.json');
    });
    return this.manifest;
  }

  private file(file: string, gzipBytes: number, bytes: number): Promise<Uint8Array> {
    let p = this.chunks.get(file);
    if (!p) {
      p = fetchInflated(this.base, file, gzipBytes, bytes).then((b) => {
        this.fetchedBytes += gzipBytes;
        return b;
      });
      // A failed fetch is not kept, so the next run tries again.
      p.catch(() => this.chunks.delete(file));
      this.chunks.set(file, p);
    }
    return p;
  }

  /** The first min(limit, all) images of `split`. */
  async load(split: Split, limit: number): Promise<MnistSubset> {
    const s = (await this.getManifest()).splits[split];
    const n = Math.max(0, Math.min(s.count, Math.floor(limit)));
    const pixels = new Uint8Array(n * PIXELS);
    const parts: Promise<void>[] = [];
    let start = 0;
    for (const c of s.images) {
      if (start >= n) break;
      const at = start;
      const take = Math.min(c.count, n - at);
      parts.push(this.file(c.file, c.gzipBytes, c.bytes).then((b) => pixels.set(b.subarray(0, take * PIXELS), at * PIXELS)));
      start += c.count;
    }
    // All awaited together, so a failing chunk is never left rejected with nobody listening.
    const [allLabels] = await Promise.all([this.file(s.labels.file, s.labels.gzipBytes, s.labels.bytes), ...parts]);
    const labels = allLabels.slice(0, n);
    const bad = labels.findIndex((v) => v > 9);
    if (bad >= 0) throw new MnistAssetError(`mnist data: ${s.labels.file}: label ${bad} is ${labels[bad]}, expected 0..9`);
    return { n, pixels, labels };
  }
}
