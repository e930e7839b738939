/**
 * `setBackend` away from the GPU while ops keep running: reads from the GPU are async, so ops run
 * between the copies of a switch. They must run on the GPU until the switch commits, and the
 * commit must take every live tensor with its latest values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  add,
  applySgd,
  dispose,
  getBackend,
  memory,
  ones,
  registerBackend,
  removeBackend,
  setBackend,
  tensor,
  variable,
  type Tensor,
} from '@tensile/core';
import '@tensile/backend-cpu';
import { createWebGpuBackend } from '../src/index.js';
import { noAdapter, probeAdapter } from './adapter.js';

const reason = await probeAdapter();
const NAME = 'webgpu-switch';

async function values(t: Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

if (reason !== null) {
  noAdapter('webgpu backend switching', reason);
} else {
  describe('webgpu: setBackend with ops in flight', () => {
    beforeAll(() => {
      registerBackend(NAME, () => createWebGpuBackend({ allowSoftware: true }), 0);
    });
    afterAll(async () => {
      await setBackend('cpu');
      removeBackend(NAME);
    });

    it('overlapping switches end on the last one asked for, even when an earlier one is still starting the GPU', async () => {
      await setBackend('cpu');
      const x = tensor([1, 2, 3]);
      // The first switch to the GPU backend starts it (adapter, device): it takes a while.
      const toGpu = setBackend(NAME);
      const back = setBackend('cpu');
      await Promise.all([toGpu, back]);
      expect(getBackend()).toBe('cpu');
      expect(x.backendName).toBe('cpu');
      expect(memory().backends[NAME].numDataIds).toBe(0);
      await setBackend(NAME);
      const y = add(x, 1);
      expect(y.backendName).toBe(NAME);
      expect(await values(y)).toEqual([2, 3, 4]);
      await setBackend('cpu');
      expect([x.backendName, y.backendName]).toEqual(['cpu', 'cpu']);
      expect(memory().backends[NAME].numDataIds).toBe(0);
      dispose([x, y]);
    });

    it('ops issued between the copies run on the GPU; the commit takes them and the latest values', async () => {
      await setBackend(NAME);
      const w0 = tensor([1, 2, 3, 4]);
      const w = variable(w0);
      const g = tensor([1, 1, 1, 1]);
      const others = [0, 1, 2, 3, 4].map((i) => tensor([i]));
      const before = memory().backends.cpu.numDataIds;
      const switching = setBackend('cpu');
      // Wait until the switch has copied a tensor to the cpu, then use ones it has and has not.
      while (memory().backends.cpu.numDataIds === before) await new Promise((resolve) => setImmediate(resolve));
      expect(getBackend()).toBe(NAME);
      const y = add(w, g);
      applySgd(w, g, { learningRate: 0.5 });
      const made = ones([2]);
      expect([y.backendName, made.backendName]).toEqual([NAME, NAME]);
      await switching;
      expect(getBackend()).toBe('cpu');
      expect([w0, w, g, y, made, ...others].every((t) => t.backendName === 'cpu')).toBe(true);
      expect(await values(y)).toEqual([2, 3, 4, 5]);
      expect(await values(w)).toEqual([0.5, 1.5, 2.5, 3.5]);
      expect(await values(w0)).toEqual([1, 2, 3, 4]);
      expect(await values(made)).toEqual([1, 1]);
      expect(memory().backends[NAME].numDataIds).toBe(0);
      dispose([w0, w, g, y, made, ...others]);
    });
  });
}
