import { beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError, split, tensor, unstack, ready } from '@tensile/core';
import '../../src/index.js';

beforeAll(() => ready());

describe('split', () => {
  const x = (): ReturnType<typeof tensor> =>
    tensor([
      [0, 1, 2, 3, 4, 5, 6],
      [7, 8, 9, 10, 11, 12, 13],
    ]);

  it('splits into equal parts', async () => {
    const parts = split(tensor([1, 2, 3, 4, 5, 6]), 3);
    expect(await Promise.all(parts.map((p) => p.array()))).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });

  it('takes sizes, one of which may be -1 (the rest), along a negative axis', async () => {
    const parts = split(x(), [2, -1, 1], -1);
    expect(parts.map((p) => [...p.shape])).toEqual([
      [2, 2],
      [2, 4],
      [2, 1],
    ]);
    expect(await parts[1].array()).toEqual([
      [2, 3, 4, 5],
      [9, 10, 11, 12],
    ]);
    expect(await parts[2].array()).toEqual([[6], [13]]);
  });

  it('allows a -1 that is zero and zero sizes', async () => {
    const parts = split(x(), [3, 4, -1], 1);
    expect(parts.map((p) => [...p.shape])).toEqual([
      [2, 3],
      [2, 4],
      [2, 0],
    ]);
  });

  it('rejects sizes that do not add up, two -1s and uneven counts', () => {
    expect(() => split(x(), [2, 2], 1)).toThrow(ShapeError);
    expect(() => split(x(), [2, 2], 1)).toThrow('split: sizes [2,2] must add up to 7, the size of axis 1 of shape [2, 7]; got 4');
    expect(() => split(x(), [8, -1], 1)).toThrow(/add up to more than axis 1/);
    expect(() => split(x(), [-1, -1], 1)).toThrow(ArgumentError);
    expect(() => split(x(), 2, 1)).toThrow('split: axis 1 of shape [2, 7] has size 7, which is not divisible into 2 equal parts');
    expect(() => split(x(), 2, 2)).toThrow(ArgumentError);
  });

  it('unstack drops the axis', async () => {
    const rows = unstack(x(), 1);
    expect(rows.length).toBe(7);
    expect(await rows[3].array()).toEqual([3, 10]);
  });
});
