/**
 * `setBackend` calls that overlap, and ops issued while a switch is in flight. CpuBackend
 * instances under their own names stand in for devices (the engine cannot tell them apart);
 * `GpuLikeCpuBackend` reads only asynchronously, as a GPU backend does, so that ops can run
 * between the copies of a switch, as they can on webgpu.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BackendUnavailableError,
  add,
  applySgd,
  dispose,
  getBackend,
  memory,
  mul,
  ones,
  registerBackend,
  removeBackend,
  setBackend,
  tensor,
  variable,
  zeros,
  type BackendCapabilities,
  type BackendValues,
  type DataId,
  type Tensor,
} from '@tensile/core';
import { CpuBackend } from '../src/index.js';

/** Reads like a GPU: the values are taken when `read` is called and arrive a few ms later. */
class GpuLikeCpuBackend extends CpuBackend {
  override readonly capabilities: BackendCapabilities = { syncRead: false };

  override async read(dataId: DataId): Promise<BackendValues> {
    const values = this.readSync(dataId);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return values;
  }
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const NAMES = ['sw-a', 'sw-b', 'sw-c', 'sw-gpu', 'sw-slow-1', 'sw-slow-2'];

beforeAll(() => {
  registerBackend('sw-a', () => new CpuBackend(), 0);
  registerBackend('sw-b', () => new CpuBackend(), 0);
  registerBackend('sw-c', () => new CpuBackend(), 0);
  registerBackend('sw-gpu', () => new GpuLikeCpuBackend(), 0);
  // Backends that take a while to start, as wasm (compile, workers) and webgpu (adapter) do.
  registerBackend(
    'sw-slow-1',
    async () => {
      await delay(30);
      return new CpuBackend();
    },
    0,
  );
  registerBackend(
    'sw-slow-2',
    async () => {
      await delay(30);
      return new CpuBackend();
    },
    0,
  );
});
beforeEach(async () => {
  await setBackend('sw-a');
});
afterAll(async () => {
  await setBackend('cpu');
  for (const name of NAMES) removeBackend(name);
});

/** Data ids per backend of this file: where the live tensors' data is. */
function holders(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, m] of Object.entries(memory().backends)) if (NAMES.includes(name) && m.numDataIds > 0) out[name] = m.numDataIds;
  return out;
}

async function values(t: Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

/** Resolves once `done()` holds, checking between event-loop turns. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

describe('setBackend calls queue', () => {
  it('overlapping calls run one after another; the last one asked for is active and holds every tensor', async () => {
    const w0 = tensor([
      [1, 2],
      [3, 4],
    ]);
    const w = variable(w0);
    const x = tensor([5, 6]);
    const toB = setBackend('sw-b');
    const toC = setBackend('sw-c');
    const backToA = setBackend('sw-a');
    const toB2 = setBackend('sw-b');
    await Promise.all([toB, toC, backToA, toB2]);
    expect(getBackend()).toBe('sw-b');
    expect([w.backendName, x.backendName]).toEqual(['sw-b', 'sw-b']);
    expect(holders()).toEqual({ 'sw-b': 2 });
    expect(await values(w)).toEqual([1, 2, 3, 4]);
    const y = add(x, 1);
    expect(await values(y)).toEqual([6, 7]);
    dispose([w0, w, x, y]);
    expect(holders()).toEqual({});
  });

  it('the last one asked for wins even when an earlier one takes longer to start', async () => {
    const x = tensor([1, 2, 3]);
    const slow = setBackend('sw-slow-1');
    const fast = setBackend('sw-b');
    await Promise.all([slow, fast]);
    expect(getBackend()).toBe('sw-b');
    expect(x.backendName).toBe('sw-b');
    expect(holders()).toEqual({ 'sw-b': 1 });
    x.dispose();
  });

  it('a switch that fails does not stop the ones queued after it', async () => {
    const x = tensor([1]);
    const broken = setBackend('sw-missing');
    const next = setBackend('sw-c');
    await expect(broken).rejects.toThrow(BackendUnavailableError);
    await next;
    expect(getBackend()).toBe('sw-c');
    expect(x.backendName).toBe('sw-c');
    x.dispose();
  });

  it('t.to() called during a switch runs after it, in call order', async () => {
    const x = tensor([7, 8]);
    const switching = setBackend('sw-b');
    const moving = x.to('sw-c');
    await Promise.all([switching, moving]);
    expect(getBackend()).toBe('sw-b');
    expect(x.backendName).toBe('sw-c');
    expect(await values(x)).toEqual([7, 8]);
    x.dispose();
  });
});

describe('ops issued while a switch is in flight', () => {
  it('run on the old backend while the new one starts, and move with the rest when it commits', async () => {
    const x = tensor([1, 2, 3]);
    const switching = setBackend('sw-slow-2');
    const y = add(x, 1);
    await delay(5);
    expect(getBackend()).toBe('sw-a');
    const z = mul(y, 2);
    expect(z.backendName).toBe('sw-a');
    await switching;
    expect([x, y, z].map((t) => t.backendName)).toEqual(['sw-slow-2', 'sw-slow-2', 'sw-slow-2']);
    expect(await values(z)).toEqual([4, 6, 8]);
    expect(holders()).toEqual({ 'sw-slow-2': 3 });
    dispose([x, y, z]);
  });

  it('run between the copies of a move from an async-read backend; the commit takes every live tensor and the latest values', async () => {
    await setBackend('sw-gpu');
    const w0 = tensor([1, 2, 3, 4]);
    const w = variable(w0);
    const g = tensor([1, 1, 1, 1]);
    const doomed = tensor([0]);
    const copiesBefore = memory().backends['sw-a'].numDataIds;
    const switching = setBackend('sw-a');
    // Wait until the switch has copied at least one tensor, then use tensors it has and has not.
    await until(() => memory().backends['sw-a'].numDataIds > copiesBefore);
    expect(getBackend()).toBe('sw-gpu');
    const y = add(w, g);
    applySgd(w, g, { learningRate: 0.5 });
    doomed.dispose();
    const made = ones([2]);
    await switching;
    expect(getBackend()).toBe('sw-a');
    expect([w0, w, g, y, made].map((t) => t.backendName)).toEqual(['sw-a', 'sw-a', 'sw-a', 'sw-a', 'sw-a']);
    expect(await values(y)).toEqual([2, 3, 4, 5]);
    // The in-place update made during the switch is not lost to a copy taken before it.
    expect(await values(w)).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect(await values(w0)).toEqual([1, 2, 3, 4]);
    expect(await values(made)).toEqual([1, 1]);
    // applySgd gave w storage of its own (w0 keeps the old values): 5 buffers, all on sw-a.
    expect(holders()).toEqual({ 'sw-a': 5 });
    dispose([w0, w, g, y, made]);
    expect(holders()).toEqual({});
  });

  it('a switch whose tensors keep changing on every copy pass gives up and leaves everything where it was', async () => {
    await setBackend('sw-gpu');
    const w0 = zeros([4]);
    const w = variable(w0);
    const g = ones([4]);
    let stop = false;
    let steps = 0;
    // A training loop on the async backend that writes w in place on every turn of the event loop.
    const training = (async () => {
      while (!stop) {
        applySgd(w, g, { learningRate: 1 });
        steps++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const aBefore = memory().backends['sw-a'].numDataIds;
    await expect(setBackend('sw-a')).rejects.toThrow(
      /setBackend: tensors on 'sw-gpu' kept changing while they were copied to 'sw-a' \(8 passes\), so nothing was moved/,
    );
    stop = true;
    await training;
    expect(getBackend()).toBe('sw-gpu');
    expect([w.backendName, g.backendName]).toEqual(['sw-gpu', 'sw-gpu']);
    expect(memory().backends['sw-a'].numDataIds).toBe(aBefore);
    await setBackend('sw-a');
    expect(await values(w)).toEqual([-steps, -steps, -steps, -steps]);
    dispose([w0, w, g]);
    expect(holders()).toEqual({});
  });
});
