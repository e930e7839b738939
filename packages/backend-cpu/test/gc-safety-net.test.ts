import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { add, keep, memory, tensor, tidy } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import '../src/index.js';

// The engine's FinalizationRegistry frees the data of tensors collected without dispose(). It
// watches only tensors that outlive their tidy scope (intermediates are freed by the scope), so
// these check each way out of a scope: created outside any, returned, and kept.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function collect(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function dropped(make: () => void): Promise<{ collected: number; tensors: number }> {
  const before = memory();
  make();
  return collect().then(() => {
    const after = memory();
    return { collected: after.numCollected - before.numCollected, tensors: after.numTensors - before.numTensors };
  });
}

describe('garbage-collected tensors', () => {
  it('frees a tensor made outside tidy and dropped', async () => {
    const r = await dropped(() => void tensor([1, 2, 3]));
    expect(r).toEqual({ collected: 1, tensors: 0 });
  });

  it('frees a tensor returned from tidy and dropped, and never counts the intermediates', async () => {
    const r = await dropped(() => void tidy(() => add(add(tensor([1, 2]), 1), 2)));
    // tensor([1, 2]), the 1, the first sum and the 2 are freed by tidy; only the result is collected.
    expect(r).toEqual({ collected: 1, tensors: 0 });
  });

  it('frees a kept tensor dropped after its scope, and one returned through nested scopes', async () => {
    const r = await dropped(() => {
      tidy(() => {
        keep(add(tensor([3]), 1));
        return tidy(() => tidy(() => add(tensor([4]), 1)));
      });
    });
    expect(r).toEqual({ collected: 2, tensors: 0 });
  });

  it('undisposedTensors() stays put when the collector takes a tensor dropped before the check, and counts one dropped during it', async () => {
    void tensor([1, 2]);
    const before = { tensors: memory().numTensors, undisposed: undisposedTensors() };
    await collect();
    // numTensors fell with nothing disposed: a leak check on it would see "-1 leaked".
    expect(memory().numTensors).toBe(before.tensors - 1);
    expect(undisposedTensors()).toBe(before.undisposed);
    void tensor([3, 4]);
    await collect();
    expect(memory().numTensors).toBe(before.tensors - 1);
    expect(undisposedTensors()).toBe(before.undisposed + 1);
  });
});
