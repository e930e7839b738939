/**
 * Tensors too big for one typed array of the cpu backend are refused by the op that asks, before
 * anything is allocated or filled, and the memory accounting is as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AllocationError, BackendError, add, memory, ones, range, setBackend, tensor, zeros, type MemoryInfo } from '@tensile/core';
import { CpuBackend } from '../src/index.js';

const LIMIT = 'the cpu backend allocates at most 2147483647 bytes per tensor';

beforeAll(async () => {
  await setBackend('cpu');
});

function counts(m: MemoryInfo): number[] {
  return [m.numTensors, m.numDataBuffers, m.numBytes, m.backends.cpu.numBytes, m.backends.cpu.numDataIds];
}

/** Runs `make`, expecting it to throw; returns the error. */
function refusal(make: () => unknown): Error {
  try {
    make();
  } catch (err) {
    if (err instanceof Error) return err;
  }
  throw new Error('expected the allocation to be refused');
}

describe('cpu: allocations over the per-tensor limit', () => {
  it('zeros([1e10]) is a BackendError naming the op, the bytes and the limit, not a RangeError', () => {
    const before = counts(memory());
    const err = refusal(() => zeros([1e10]));
    expect(err).toBeInstanceOf(AllocationError);
    expect(err).toBeInstanceOf(BackendError);
    expect(err.message).toBe(`fill: output of shape [10000000000] float32 needs 40000000000 bytes; ${LIMIT}`);
    expect(counts(memory())).toEqual(before);
  });

  it('ones([2 ** 32]) is refused at once instead of filling 16 GiB', () => {
    const before = counts(memory());
    // The message says the size was checked before anything was filled; no time limit, which a
    // busy CI machine could break.
    expect(() => ones([2 ** 32])).toThrow(`fill: output of shape [4294967296] float32 needs 17179869184 bytes; ${LIMIT}`);
    expect(counts(memory())).toEqual(before);
  });

  it('a kernel with small inputs and a huge broadcast output names the op', () => {
    const a = zeros([65536, 1]);
    const b = zeros([1, 32768]);
    const before = counts(memory());
    expect(() => add(a, b)).toThrow(`add: output of shape [65536, 32768] float32 needs 8589934592 bytes; ${LIMIT}`);
    expect(counts(memory())).toEqual(before);
    a.dispose();
    b.dispose();
  });

  it('range refuses before it builds its values', () => {
    const before = counts(memory());
    expect(() => range(0, 2 ** 32 + 1)).toThrow(AllocationError);
    expect(() => range(0, 2 ** 32 + 1, 1, 'int32')).toThrow(
      `range: a tensor of shape [4294967297] int32 needs 17179869188 bytes; ${LIMIT}`,
    );
    expect(counts(memory())).toEqual(before);
  });

  it('tensor() of values one element past the limit is refused before the copy', () => {
    // Untouched pages of a fresh typed array are not resident: this costs address space only.
    const values = new Float32Array(2 ** 29 + 1);
    const before = counts(memory());
    expect(() => tensor(values)).toThrow(`tensor: a tensor of shape [536870913] float32 needs 2147483652 bytes; ${LIMIT}`);
    expect(counts(memory())).toEqual(before);
  });

  it('the backend guards write() itself, for callers other than the engine', () => {
    const backend = new CpuBackend();
    expect(() => backend.write(new Uint8Array(2 ** 31), 'bool')).toThrow(
      `cpu: write: 2147483648 bool values need 2147483648 bytes; ${LIMIT}`,
    );
    expect(backend.memory()).toEqual({ numBytes: 0, numDataIds: 0 });
    expect(backend.storageBytes(2 ** 31 - 1, 'bool')).toBe(backend.maxTensorBytes);
    expect(backend.storageBytes(10, 'int32')).toBe(40);
  });
});
