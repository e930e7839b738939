import { describe, expect, it } from 'vitest';
import { getBackend, listBackends, matMul, ready, tensor2d } from '@tensile/core';
import '../src/index.js';

describe('importing @tensile/backend-wasm', () => {
  it('registers wasm at priority 2 and ready() starts it', async () => {
    expect(listBackends().find((b) => b.name === 'wasm')?.priority).toBe(2);
    await ready();
    expect(getBackend()).toBe('wasm');
    const y = matMul(
      tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tensor2d([[5], [6]]),
    );
    expect(await y.array()).toEqual([[17], [39]]);
    expect(Array.from(y.dataSync())).toEqual([17, 39]);
    y.dispose();
  });
});
