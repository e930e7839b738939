import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BackendMismatchError,
  BackendUnavailableError,
  DisposedError,
  add,
  dispose,
  getBackend,
  keep,
  listBackends,
  matMul,
  memory,
  mul,
  registerBackend,
  removeBackend,
  reshape,
  setBackend,
  sum,
  tensor,
  tidy,
  variable,
  type Backend,
} from '@tensile/core';
import { CpuBackend } from '../src/index.js';

// Two CPU backend instances under their own names stand in for two kinds of device: the engine
// cannot tell them apart from, say, wasm and webgpu, which is what these tests need.
beforeAll(async () => {
  registerBackend('cpu-a', () => new CpuBackend(), 50);
  registerBackend('cpu-b', () => new CpuBackend(), 40);
  await setBackend('cpu-a');
});
afterAll(async () => {
  await setBackend('cpu');
  removeBackend('cpu-a');
  removeBackend('cpu-b');
});

describe('memory scopes', () => {
  it('tidy disposes intermediates and keeps the result', () => {
    const before = memory().numTensors;
    const y = tidy(() => {
      const a = tensor([1, 2, 3]);
      const b = mul(a, 2);
      return add(b, 1);
    });
    expect(memory().numTensors).toBe(before + 1);
    expect(Array.from(y.dataSync())).toEqual([3, 5, 7]);
    y.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('keep survives tidy and dispose walks nested containers', () => {
    const before = memory().numTensors;
    let kept = tensor([0]);
    tidy(() => {
      kept = keep(tensor([4, 5]));
      tensor([6]);
    });
    expect(memory().numTensors).toBe(before + 2);
    dispose({ a: kept, list: [tensor([1])] });
    expect(memory().numTensors).toBe(before + 1);
  });

  it('reshape shares storage until the last view is gone', () => {
    const before = memory();
    const a = tensor([1, 2, 3, 4]);
    const b = reshape(a, [2, 2]);
    expect(memory().numDataBuffers).toBe(before.numDataBuffers + 1);
    a.dispose();
    expect(b.arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    b.dispose();
    expect(memory().numDataBuffers).toBe(before.numDataBuffers);
    expect(memory().numBytes).toBe(before.numBytes);
  });

  it('using a disposed tensor names the op', () => {
    const a = tensor([1]);
    a.dispose();
    expect(() => add(a, 1)).toThrow(DisposedError);
    expect(() => add(a, 1)).toThrow(/add/);
  });

  it('Symbol.dispose frees a tensor at the end of its block', () => {
    const before = memory().numTensors;
    {
      using t = tensor([1, 2]);
      expect(t.size).toBe(2);
    }
    expect(memory().numTensors).toBe(before);
  });
});

describe('backends', () => {
  it('lists registered backends with the active one and why others did not start', async () => {
    registerBackend(
      'broken',
      () => {
        throw new BackendUnavailableError('broken: needs a device this machine lacks');
      },
      1,
    );
    await expect(setBackend('broken')).rejects.toThrow(BackendUnavailableError);
    const list = listBackends();
    expect(list.find((b) => b.name === 'cpu-a')?.active).toBe(true);
    expect(list.find((b) => b.name === 'broken')?.error).toMatch(/lacks/);
    expect(getBackend()).toBe('cpu-a');
    removeBackend('broken');
  });

  it('setBackend moves every live tensor, variables included', async () => {
    const w = variable(
      tensor([
        [1, 2],
        [3, 4],
      ]),
    );
    const x = tensor([[1], [1]]);
    await setBackend('cpu-b');
    expect(w.backendName).toBe('cpu-b');
    expect(x.backendName).toBe('cpu-b');
    expect(Array.from(await matMul(w, x).data())).toEqual([3, 7]);
    await setBackend('cpu-a');
    expect(Array.from(w.dataSync())).toEqual([1, 2, 3, 4]);
    expect(memory().backends['cpu-b'].numDataIds).toBe(0);
    dispose([w, x]);
  });

  it('a kernel with inputs on two backends throws and names to()', async () => {
    const a = tensor([1, 2]);
    const b = await tensor([3, 4]).to('cpu-b');
    expect(() => add(a, b)).toThrow(BackendMismatchError);
    expect(() => add(a, b)).toThrow(/to\('cpu-a'\)/);
    await b.to('cpu-a');
    expect(Array.from(sum(add(a, b)).dataSync())).toEqual([10]);
    dispose([a, b]);
  });

  it('setBackend to an unknown name says what to install', async () => {
    await expect(setBackend('webgl')).rejects.toThrow(/@tensile\/backend-webgl/);
  });

  it('a backend is a plain object satisfying the contract', () => {
    const b: Backend = new CpuBackend();
    expect(b.capabilities.syncRead).toBe(true);
    expect(typeof b.kernels.conv2dBackpropFilter).toBe('function');
  });
});

describe('variables', () => {
  it('assign checks shape and leaves the source usable', () => {
    const v = variable(tensor([1, 2]));
    const src = tensor([5, 6]);
    v.assign(src);
    expect(Array.from(v.dataSync())).toEqual([5, 6]);
    expect(Array.from(src.dataSync())).toEqual([5, 6]);
    expect(() => v.assign(tensor([1, 2, 3]))).toThrow(/variable_\d+|assign/);
    dispose([v, src]);
  });
});
