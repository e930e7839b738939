import { describe, expect, it } from 'vitest';
import { createWasmBackend } from '../src/index.js';
import { shareEnds, sharesUsed } from '../src/threads/share-bounds.js';

// How many shares a kernel is cut into: at least minUnits units each, up to sharesPerThread per
// thread of the pool, and one without a pool.
describe('wasm shares', () => {
  it('cut big kernels into up to 4 shares per thread, small ones into fewer, none without workers', async () => {
    const pool = createWasmBackend({ threads: 3 });
    const one = createWasmBackend({ threads: 1 });
    const even = createWasmBackend({ threads: 3, sharesPerThread: 1 });
    await Promise.all([pool.init(), one.init(), even.init()]);
    try {
      expect(pool.shares(1000, 1)).toBe(12);
      expect(pool.shares(1000, 100)).toBe(10);
      expect(pool.shares(5, 1)).toBe(5);
      expect(pool.shares(50, 100)).toBe(1);
      expect(one.shares(1000, 1)).toBe(1);
      expect(even.shares(1000, 1)).toBe(3);
    } finally {
      pool.dispose();
      one.dispose();
      even.dispose();
    }
  });
});

// Where shares begin and end (threads/share-bounds.ts): contiguous, covering, non-empty while
// there are enough units, the first share of each thread equal, the rest shrinking.
describe('wasm share bounds', () => {
  const bounds = (total: number, shares: number, threads: number): number[] => {
    const ends = new Array<number>(shares).fill(-1);
    shareEnds(total, shares, threads, ends);
    return ends;
  };
  const sizes = (ends: number[]): number[] => ends.map((e, s) => e - (s === 0 ? 0 : ends[s - 1]));

  it('cover [0, total) with non-empty shares, largest first', () => {
    for (const [total, shares, threads] of [
      [1280, 8, 2],
      [3584, 8, 2],
      [128, 8, 2],
      [1000, 12, 3],
      [9, 8, 2],
      [100, 2, 2],
      [37, 5, 4],
    ]) {
      const s = sizes(bounds(total, shares, threads));
      expect(s.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.min(...s)).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < shares; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1] + 1);
    }
  });

  it('give each thread an equal first share (to rounding) and end on about an eighth of it', () => {
    const s = sizes(bounds(1280, 8, 2));
    expect(Math.abs(s[0] - s[1])).toBeLessThanOrEqual(1);
    expect(s[7]).toBeGreaterThan(0);
    expect(s[7] / s[0]).toBeCloseTo(1 / 8, 1);
    expect(sizes(bounds(100, 2, 2))).toEqual([50, 50]);
  });

  it('give one unit to each of the first shares when units are fewer than shares', () => {
    expect(bounds(3, 6, 2)).toEqual([1, 2, 3, 3, 3, 3]);
    expect(sharesUsed(3, 6)).toBe(3);
    expect(sharesUsed(100, 6)).toBe(6);
  });
});
