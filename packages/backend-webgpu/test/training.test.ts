import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BackendError, backendStatus, compileStep, registerBackend, removeBackend, setBackend, tensor, type Tensor } from '@tensile/core';
import { createWebGpuBackend, type WebGpuBackend } from '../src/index.js';
import { noAdapter, probeAdapter } from './adapter.js';
import { disposeLeNet, makeLeNet, sgdStep, syntheticBatch, trainStep } from './lenet.js';

const NAME = 'webgpu-training-test';
const reason = await probeAdapter();

if (reason !== null) {
  noAdapter('webgpu training', reason);
} else {
  describe('webgpu: training machinery', () => {
    let backend: WebGpuBackend;
    beforeAll(async () => {
      backend = createWebGpuBackend({ allowSoftware: true });
      registerBackend(NAME, () => backend, 0);
      await setBackend(NAME);
    });
    afterAll(() => removeBackend(NAME));

    it('a LeNet step creates no GPU buffer and no pipeline after warm-up, and the loss falls', async () => {
      const net = makeLeNet();
      const { x, labels } = syntheticBatch(8);
      const losses: number[] = [];
      for (let i = 0; i < 2; i++) {
        const loss = trainStep(net, x, labels);
        losses.push((await loss.data())[0]);
        loss.dispose();
      }
      const before = backend.memory();
      for (let i = 0; i < 4; i++) {
        const loss = trainStep(net, x, labels);
        losses.push((await loss.data())[0]);
        loss.dispose();
      }
      const after = backend.memory();
      expect(after.buffersCreated).toBe(before.buffersCreated);
      expect(after.pipelines).toBe(before.pipelines);

      expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
      x.dispose();
      labels.dispose();
      disposeLeNet(net);
    });

    it('a compiled LeNet step replays without creating a bind group: each dispatch finds its own', async () => {
      const net = makeLeNet(5);
      const { x, labels } = syntheticBatch(8);
      const step = compileStep((xb: Tensor, lb: Tensor) => sgdStep(net, xb, lb), { onFallback: (r) => expect.fail(r) });
      const losses: number[] = [];
      const run = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const loss = step(x, labels);
          losses.push((await loss.data())[0]);
          loss.dispose();
        }
      };
      // The pool's free lists settle into the same order from one replay to the next within
      // about 17 steps (fewer new groups each step until then).
      await run(20);
      expect(step.status().mode).toBe('replayed');
      const before = backend.memory().bindGroupsCreated;
      await run(4);
      expect(step.status().replays).toBeGreaterThanOrEqual(20);
      expect(before).toBeGreaterThan(0);
      expect(backend.memory().bindGroupsCreated).toBe(before);
      // The cached groups bind the right buffers: training still works.
      expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
      step.dispose();
      x.dispose();
      labels.dispose();
      disposeLeNet(net);
    });

    it('records a training step into few submits (no readback inside the step)', async () => {
      const net = makeLeNet(3);
      const { x, labels } = syntheticBatch(4);
      const warm = trainStep(net, x, labels);
      await warm.data();
      warm.dispose();
      const submits = backend.memory().submits;
      const loss = trainStep(net, x, labels);
      // Only the read submits: the step's dispatches (fewer than a batch) wait for it.
      await loss.data();
      expect(backend.memory().submits - submits).toBe(1);
      loss.dispose();
      x.dispose();
      labels.dispose();
      disposeLeNet(net);
    });

    it('says which pipelines compile until their first dispatch has run on the GPU, also through backendStatus()', async () => {
      // A key of its own, so this process has not seen the pipeline (what a driver caches on
      // disk does not matter: the status lasts until the submit has finished either way).
      const key = `test:status-${Date.now()}`;
      const out = backend.temp(4);
      const program = {
        key,
        uniforms: [['size', 'u32']] as const,
        source: () => `@group(0) @binding(0) var<storage, read_write> y: array<f32>;
struct Uniforms { size: u32, };
@group(0) @binding(1) var<uniform> u: Uniforms;
@compute @workgroup_size(1) fn main() { y[0] = f32(u.size); }`,
      };
      expect(backend.status()).toBeUndefined();
      backend.run(program, [out], [7], [1, 1, 1]);
      backend.flush();
      const expected = `compiling 1 GPU pipeline on first use (${key})`;
      expect(backend.status()).toBe(expected);
      expect(backendStatus()).toBe(expected);
      expect(backend.memory().pipelinesCompiling).toBe(1);
      await vi.waitFor(() => expect(backend.status()).toBeUndefined(), { timeout: 60_000 });
      expect(backendStatus()).toBeUndefined();
      // Used again, it is not compiling any more.
      backend.run(program, [out], [8], [1, 1, 1]);
      backend.flush();
      expect(backend.status()).toBeUndefined();
      backend.releaseTemp(out);
    });

    it('a GPU validation error surfaces as a BackendError carrying the WebGPU message', async () => {
      const t = tensor([1, 2, 3]);
      backend.run({ key: 'test:broken', uniforms: [['size', 'u32']], source: () => 'this is not wgsl' }, [], [1], [1, 1, 1]);
      const failure = await t.data().then(
        () => null,
        (err: unknown) => err,
      );
      expect(failure).toBeInstanceOf(BackendError);
      expect(String(failure)).toMatch(/GPU reported an error.*test:broken/s);
      t.dispose();
      // The failed batch is lost (an invalid command buffer runs nothing), but the error is
      // reported once and the backend keeps working.
      const u = tensor([1, 2, 3]);
      expect(Array.from(await u.data())).toEqual([1, 2, 3]);
      u.dispose();
    });
  });
}
