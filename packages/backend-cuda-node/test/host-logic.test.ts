/**
 * The addon's host-side logic, reached directly: size buckets, the caching allocator's
 * bookkeeping (reuse, trim-and-retry when the raw allocator runs out), launch geometry, the
 * handle table and the parameter-layout checks, and asynchronous reads landing off the JS thread.
 */
import { expect, it } from 'vitest';
import { loadAddon, type Addon } from '../src/addon.js';
import { describeWithAddon } from './addon-here.js';

function addon(): Addon {
  const loaded = loadAddon();
  if ('reason' in loaded) throw new Error(loaded.reason);
  return loaded.addon;
}

describeWithAddon('size buckets', () => {
  it('give at least what was asked, at most a quarter more, from 256 bytes up', () => {
    const a = addon();
    expect(a.bucketSize(0)).toBe(256);
    expect(a.bucketSize(1)).toBe(256);
    expect(a.bucketSize(256)).toBe(256);
    expect(a.bucketSize(257)).toBe(320);
    expect(a.bucketSize(1000)).toBe(1024);
    expect(a.bucketSize(1025)).toBe(1280);
    expect(a.bucketSize(4096 * 3 + 1)).toBe(14336);
    for (let bytes = 257; bytes < 1 << 22; bytes = Math.ceil(bytes * 1.37) + 3) {
      const b = a.bucketSize(bytes);
      expect(b).toBeGreaterThanOrEqual(bytes);
      expect(b).toBeLessThanOrEqual(bytes * 1.25);
    }
  });
});

describeWithAddon('caching allocator', () => {
  it('reuses a freed block of the same bucket instead of allocating', () => {
    const alloc = new (addon().TestAllocator)();
    const a = alloc.allocate(1000);
    alloc.release(a);
    expect(alloc.stats()).toMatchObject({ cachedBlocks: 1, cachedBytes: 1024, inUseBlocks: 0, rawAllocs: 1 });
    const b = alloc.allocate(900); // same 1024-byte bucket
    expect(alloc.stats()).toMatchObject({ cachedBlocks: 0, inUseBlocks: 1, inUseBytes: 1024, rawAllocs: 1, reuses: 1 });
    alloc.allocate(2000); // another bucket: a new block
    expect(alloc.stats()).toMatchObject({ rawAllocs: 2, inUseBlocks: 2 });
    alloc.release(b);
    alloc.trim();
    expect(alloc.stats()).toMatchObject({ cachedBlocks: 0, cachedBytes: 0, rawFrees: 1, rawBytes: 2048 });
  });

  it('empties its cache and retries once when the raw allocator runs out, then reports failure', () => {
    const alloc = new (addon().TestAllocator)();
    alloc.setLimit(8192);
    alloc.release(alloc.allocate(4096)); // 4096 cached
    const big = alloc.allocate(6000); // 6144: fits only once the cached 4096 is returned
    expect(big).toBeGreaterThanOrEqual(0);
    expect(alloc.stats()).toMatchObject({ trims: 1, rawFrees: 1, rawBytes: 6144, cachedBlocks: 0 });
    expect(alloc.allocate(4096)).toBe(-1); // nothing cached to give back
    expect(alloc.stats()).toMatchObject({ inUseBlocks: 1, rawBytes: 6144 });
  });

  it('in exact mode (for compute-sanitizer) gives blocks exactly as asked and returns them at once', () => {
    const alloc = new (addon().TestAllocator)(true);
    const a = alloc.allocate(1000);
    expect(alloc.stats()).toMatchObject({ inUseBytes: 1000, rawBytes: 1000 });
    alloc.release(a);
    expect(alloc.stats()).toMatchObject({ inUseBytes: 0, cachedBlocks: 0, rawFrees: 1, rawBytes: 0 });
    alloc.allocate(1000);
    expect(alloc.stats()).toMatchObject({ rawAllocs: 2, reuses: 0 });
  });

  it('refuses to release a block twice', () => {
    const alloc = new (addon().TestAllocator)();
    const a = alloc.allocate(10);
    alloc.release(a);
    expect(() => alloc.release(a)).toThrow(/no live block/);
  });
});

describeWithAddon('launch geometry', () => {
  it('elementwise: one thread an element, capped at 32 blocks of 256 per multiprocessor', () => {
    const a = addon();
    expect(a.elementwiseGeometry(1, 132)).toEqual({ blocks: 1, threads: 256 });
    expect(a.elementwiseGeometry(257, 132)).toEqual({ blocks: 2, threads: 256 });
    expect(a.elementwiseGeometry(10_000_000, 132)).toEqual({ blocks: 132 * 32, threads: 256 });
    expect(a.elementwiseGeometry(10_000_000, 4)).toEqual({ blocks: 128, threads: 256 });
  });

  it('gemm: tiles cover the output; split-K only when tiles are few and K long, with no empty split', () => {
    const a = addon();
    const cases = [
      // LeNet-5 filter gradients at batch 128 on an H200 (132 SMs): few tiles, long K.
      [1, 150, 16, 128 * 8 * 8, 128, 32, 16, 132],
      [1, 25, 6, 128 * 24 * 24, 512, 8, 16, 132],
      // conv2d forward: many tiles, short K.
      [1, 128 * 24 * 24, 6, 25, 512, 8, 16, 132],
      // dense layers
      [1, 128, 120, 400, 64, 64, 16, 132],
      [1, 400, 120, 128, 64, 64, 16, 132],
      [3, 7, 5, 0, 64, 64, 16, 4],
    ] as const;
    for (const [batch, m, n, k, tm, tn, tk, sm] of cases) {
      const g = a.gemmGeometry(batch, m, n, k, tm, tn, tk, sm);
      expect(g.tilesM * tm).toBeGreaterThanOrEqual(m);
      expect((g.tilesM - 1) * tm).toBeLessThan(m);
      expect(g.tilesN * tn).toBeGreaterThanOrEqual(n);
      expect(g.kChunk % tk).toBe(0);
      expect(g.splits * g.kChunk).toBeGreaterThanOrEqual(k);
      if (k > 0) expect((g.splits - 1) * g.kChunk).toBeLessThan(k);
      expect(g.splits).toBeLessThanOrEqual(64);
    }
    expect(a.gemmGeometry(1, 150, 16, 8192, 128, 32, 16, 132).splits).toBeGreaterThan(1);
    expect(a.gemmGeometry(1, 128 * 24 * 24, 6, 25, 512, 8, 16, 132).splits).toBe(1);
  });
});

describeWithAddon('the emulated device', () => {
  it('hands out handles, reuses blocks across alloc/free, and refuses unknown handles', () => {
    const dev = new (addon().Device)(true);
    try {
      const h = dev.alloc(4000);
      dev.free(h);
      const again = dev.alloc(3900);
      expect(dev.memory().device).toMatchObject({ rawAllocs: 1, reuses: 1, inUseBlocks: 1 });
      expect(() => dev.free(again + 100)).toThrow(/unknown or freed memory handle/);
      dev.free(again);
      expect(() => dev.free(again)).toThrow(/unknown or freed memory handle/);
    } finally {
      dev.dispose();
    }
  });

  it('names the kernel when its parameters do not match its layout', () => {
    const a = addon();
    const dev = new a.Device(true);
    try {
      const x = dev.alloc(16);
      const y = dev.alloc(16);
      const unary = a.names().kernels.indexOf('unary');
      expect(() => dev.run(unary, Uint32Array.from([x, y]), Int32Array.from([4, 0]), Float64Array.from([0]))).toThrow(
        /unary: parameter layout mismatch: read 3 ints, given 2/,
      );
      expect(() => dev.run(unary, Uint32Array.from([x, y]), Int32Array.from([4, 0, 0, 9]), Float64Array.from([0]))).toThrow(
        /unary: parameter layout mismatch/,
      );
    } finally {
      dev.dispose();
    }
  });

  it('resolves a read from another thread, after the call has returned, and survives dispose', async () => {
    const dev = new (addon().Device)(true);
    const h = dev.alloc(8);
    dev.write(h, Float32Array.from([1.5, -2]));
    let landed = false;
    const read = dev.read(h, 8).then((b) => {
      landed = true;
      return new Float32Array(b);
    });
    expect(landed).toBe(false);
    dev.dispose(); // the runtime stays until the read has landed
    expect(Array.from(await read)).toEqual([1.5, -2]);
  });
});
