/**
 * Tensors whose buffer the device cannot create or bind are refused by the op that asks, before
 * any buffer exists: without the check the buffer is created invalid (or too big to bind) and the
 * GPU's error surfaces at some later, unrelated call, while the pool goes on counting its bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AllocationError,
  BackendError,
  add,
  dispose,
  memory,
  ones,
  registerBackend,
  removeBackend,
  setBackend,
  slice,
  tensor,
  zeros,
} from '@tensile/core';
import '@tensile/backend-cpu';
import { createWebGpuBackend, type WebGpuBackend } from '../src/index.js';
import { findGpu } from '../src/device.js';
import { bucketBytes } from '../src/storage.js';
import { noAdapter, probeAdapter } from './adapter.js';

const reason = await probeAdapter();
const NAME = 'webgpu-alloc';

/** Everything a refused allocation must leave as it was. */
function snapshot(): Record<string, number> {
  const m = memory();
  const b = m.backends[NAME];
  return {
    undisposedTensors: m.numTensors + m.numCollected,
    numBytes: m.numBytes,
    backendBytes: b.numBytes,
    numDataIds: b.numDataIds,
    gpuBytes: b.gpuBytes,
    pooledBytes: b.pooledBytes,
    buffersCreated: b.buffersCreated,
  };
}

if (reason !== null) {
  noAdapter('webgpu allocation limits', reason);
} else {
  describe('webgpu: allocations over the device limits', () => {
    let backend: WebGpuBackend;
    let max = 0;
    let LIMIT = '';
    beforeAll(async () => {
      backend = createWebGpuBackend({ allowSoftware: true });
      registerBackend(NAME, () => backend, 0);
      await setBackend(NAME);
      max = backend.maxTensorBytes;
      LIMIT = `the ${NAME} backend allocates at most ${max} bytes per tensor`;
    });
    afterAll(async () => {
      await setBackend('cpu');
      removeBackend(NAME);
    });

    it('declares the largest tensor whose pooled buffer the device can create and bind as storage', async () => {
      const adapter = await (await findGpu(undefined)).requestAdapter();
      if (adapter === null) throw new Error('the adapter went away');
      const bind = Math.min(adapter.limits.maxBufferSize, adapter.limits.maxStorageBufferBindingSize);
      expect(max % 4).toBe(0);
      expect(bucketBytes(max)).toBeLessThanOrEqual(bind);
      expect(bucketBytes(max + 4)).toBeGreaterThan(bind);
    });

    it('an output past the limit is refused at the op; nothing is created or counted, and the next ops run clean', async () => {
      const before = snapshot();
      const n = max / 4 + 1;
      let err: unknown;
      try {
        zeros([n]);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AllocationError);
      expect(err).toBeInstanceOf(BackendError);
      expect((err as Error).message).toBe(`fill: output of shape [${n}] float32 needs ${4 * n} bytes; ${LIMIT}`);
      // bool is stored as u32 on the GPU, so it counts 4 bytes per element here.
      expect(() => zeros([n], 'bool')).toThrow(`fill: output of shape [${n}] bool needs ${4 * n} bytes; ${LIMIT}`);
      expect(snapshot()).toEqual(before);
      const y = add(ones([4]), 1);
      expect(Array.from(await y.data())).toEqual([2, 2, 2, 2]);
      dispose(y);
    });

    it('a tensor exactly at the limit is made, bound and read', async () => {
      const big = zeros([max / 4]);
      const last = slice(big, [max / 4 - 1], [1]);
      expect(Array.from(await last.data())).toEqual([0]);
      dispose([big, last]);
    });

    it('tensor() and write() past the limit are refused before the upload', () => {
      // Untouched pages of a fresh typed array are not resident: address space only.
      const values = new Float32Array(max / 4 + 1);
      const before = snapshot();
      expect(() => tensor(values)).toThrow(`tensor: a tensor of shape [${max / 4 + 1}] float32 needs ${max + 4} bytes; ${LIMIT}`);
      expect(() => backend.write(values, 'float32')).toThrow(
        `webgpu: write: ${max / 4 + 1} float32 values need ${max + 4} bytes; the webgpu backend allocates at most ${max} bytes per tensor on this device`,
      );
      expect(snapshot()).toEqual(before);
    });

    it('the buffer pool refuses a scratch buffer past the limit before creating or counting it', () => {
      const before = snapshot();
      expect(() => backend.temp(max / 4 + 1)).toThrow(AllocationError);
      expect(() => backend.temp(max / 4 + 1)).toThrow(
        /^webgpu: a buffer of \d+ bytes is over the device's limit of \d+ bytes per storage buffer binding$/,
      );
      expect(snapshot()).toEqual(before);
    });
  });
}
