/**
 * Tensors the wasm heap cannot hold are refused by the op that asks, before the heap grows, with
 * the accounting as it was: past the per-tensor limit (the heap's maximum), and when live tensors
 * leave no room. The second case fills most of the 1 GiB threaded heap (~800 MB, briefly).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AllocationError,
  BackendError,
  add,
  dispose,
  fill,
  getBackend,
  memory,
  registerBackend,
  removeBackend,
  setBackend,
  slice,
  tensor,
  zeros,
  type Tensor,
} from '@tensile/core';
import '@tensile/backend-cpu';
import { createWasmBackend, type WasmBackend } from '../src/index.js';
import { Arena } from '../src/storage.js';

/** Everything a failed allocation must leave as it was. */
function snapshot(name: string): Record<string, number> {
  const m = memory();
  const b = m.backends[name];
  return {
    undisposedTensors: m.numTensors + m.numCollected,
    numBytes: m.numBytes,
    backendBytes: b.numBytes,
    numDataIds: b.numDataIds,
    heapBytes: b.heapBytes,
    arenaBytes: b.arenaBytes,
    freeBytes: b.freeBytes,
  };
}

async function first(t: Tensor): Promise<number> {
  const s = slice(t, [0], [1]);
  const [v] = await s.data();
  s.dispose();
  return v;
}

// Limits: the largest size class that fits the heap's maximum above what init takes (the
// module's static data and the parameter block): 1 GiB threaded, 2 GiB single-threaded.
for (const [name, threads, limit] of [
  ['wasm-alloc-2', 2, 1006632944],
  ['wasm-alloc-1', 1, 2013265904],
] as const) {
  describe(`wasm allocation limits, ${threads} thread(s)`, () => {
    let backend: WasmBackend;
    const LIMIT = `the ${name} backend allocates at most ${limit} bytes per tensor`;
    beforeAll(async () => {
      backend = createWasmBackend({ threads });
      registerBackend(name, () => backend, 0);
      await setBackend(name);
    });
    afterAll(async () => {
      await setBackend('cpu');
      removeBackend(name);
    });

    it('declares the largest block its heap can give', () => {
      expect(backend.info.threads).toBe(threads);
      expect(backend.maxTensorBytes).toBe(limit);
    });

    it('an output past the limit is a BackendError naming the op, the bytes and the limit; nothing grows', async () => {
      const before = snapshot(name);
      const elements = Math.floor(limit / 4) + 1;
      let err: unknown;
      try {
        zeros([elements]);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AllocationError);
      expect(err).toBeInstanceOf(BackendError);
      expect((err as Error).message).toBe(`fill: output of shape [${elements}] float32 needs ${elements * 4} bytes; ${LIMIT}`);
      expect(() => zeros([1e10], 'bool')).toThrow(`fill: output of shape [10000000000] bool needs 10000000000 bytes; ${LIMIT}`);
      expect(snapshot(name)).toEqual(before);
      const y = add(zeros([3]), 1);
      expect(Array.from(await y.data())).toEqual([1, 1, 1]);
      dispose(y);
    });

    it('tensor() of too many values and a direct write() are refused before the heap is touched', () => {
      // Untouched pages of a fresh typed array are not resident: address space only.
      const values = new Uint8Array(limit + 1);
      const before = snapshot(name);
      expect(() => tensor(values, [limit + 1], 'bool')).toThrow(
        `tensor: a tensor of shape [${limit + 1}] bool needs ${limit + 1} bytes; ${LIMIT}`,
      );
      expect(() => backend.write(values, 'bool')).toThrow(
        `wasm: ${limit + 1} bool elements need ${limit + 1} bytes; the wasm backend allocates at most ${limit} bytes per tensor`,
      );
      expect(snapshot(name)).toEqual(before);
    });
  });
}

describe('wasm: a heap full of live tensors', () => {
  const name = 'wasm-alloc-full';
  beforeAll(async () => {
    registerBackend(name, () => createWasmBackend({ threads: 2 }), 0);
    await setBackend(name);
  });
  afterAll(async () => {
    await setBackend('cpu');
    removeBackend(name);
  });

  it('refuses an output that no longer fits, naming the op, and keeps working', async () => {
    const big = zeros([200_000_000]);
    const before = snapshot(name);
    expect(() => zeros([100_000_000])).toThrow(AllocationError);
    expect(() => zeros([100_000_000])).toThrow(
      /^fill: output of shape \[100000000\] float32: wasm: out of memory: a block of 402653184 bytes does not fit; the heap holds at most 1073741824 bytes \(\d+ bytes taken, 0 of them free in blocks of other sizes\)$/,
    );
    expect(snapshot(name)).toEqual(before);
    expect(await first(big)).toBe(0);
    big.dispose();
    // Its block is free again, for requests of its size class (the arena keeps blocks by class).
    const again = fill([200_000_000], 2);
    expect(await first(again)).toBe(2);
    expect(memory().backends[name].heapBytes).toBe(before.heapBytes);
    again.dispose();
  });

  it('setBackend refuses a tensor the new backend cannot hold and moves nothing', async () => {
    await setBackend('cpu');
    const small = tensor([1, 2, 3]);
    // 260M float32 (1.04 GB) fit the cpu backend's 2 GiB limit but not the threaded wasm heap.
    const huge = zeros([260_000_000]);
    const before = snapshot(name);
    await expect(setBackend(name)).rejects.toThrow(
      'setBackend: a tensor of 260000000 float32 elements needs 1040000000 bytes; the wasm-alloc-full backend allocates at most 1006632944 bytes per tensor',
    );
    expect(getBackend()).toBe('cpu');
    expect([small.backendName, huge.backendName]).toEqual(['cpu', 'cpu']);
    expect(snapshot(name)).toEqual(before);
    huge.dispose();
    await setBackend(name);
    expect(small.backendName).toBe(name);
    expect(Array.from(await small.data())).toEqual([1, 2, 3]);
    small.dispose();
  });
});

describe('wasm: the arena leaves no trace of a block it could not give', () => {
  it('a failed alloc changes neither its accounting nor the heap', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    const arena = new Arena(memory, 0, 2);
    const kept = arena.alloc(60_000);
    const before = arena.stats();
    let err: unknown;
    try {
      arena.alloc(100_000);
    } catch (e) {
      err = e;
    }
    expect(arena.stats()).toEqual(before);
    expect(err).toBeInstanceOf(AllocationError);
    expect((err as Error).message).toMatch(
      /^wasm: out of memory: a block of 106496 bytes does not fit; the heap holds at most 131072 bytes/,
    );
    arena.release(kept, 60_000);
    expect(arena.stats().usedBytes).toBe(0);
    expect(arena.largestFreshBlock()).toBe(65520);
  });
});
