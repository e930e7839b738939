import { describe, expect, it } from 'vitest';
import { createWasmBackend } from '../src/index.js';

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
