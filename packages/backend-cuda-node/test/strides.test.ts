import { describe, expect, it } from 'vitest';
import { broadcastLayout, contiguousStrides, mergeStrided, stridedInts, transposeLayout } from '../src/strides.js';

describe('stride setup', () => {
  it('merges same-shape operands into one dimension, and a scalar output into [1]', () => {
    expect(
      broadcastLayout(
        [2, 3, 4],
        [
          [2, 3, 4],
          [2, 3, 4],
        ],
      ),
    ).toEqual({ dims: [24], strides: [[1], [1]] });
    expect(broadcastLayout([], [[], []])).toEqual({ dims: [1], strides: [[0], [0]] });
  });

  it('keeps a broadcast bias as two dimensions, stride 0 where it repeats', () => {
    expect(broadcastLayout([8, 5, 6], [[8, 5, 6], [6]])).toEqual({
      dims: [40, 6],
      strides: [
        [6, 1],
        [0, 1],
      ],
    });
    expect(
      broadcastLayout(
        [4, 3],
        [
          [4, 1],
          [1, 3],
        ],
      ),
    ).toEqual({
      dims: [4, 3],
      strides: [
        [1, 0],
        [0, 1],
      ],
    });
  });

  it('handles three operands (select)', () => {
    expect(broadcastLayout([2, 3], [[2, 1], [2, 3], [3]])).toEqual({
      dims: [2, 3],
      strides: [
        [1, 0],
        [3, 1],
        [0, 1],
      ],
    });
  });

  it('transposes by walking the input strides in perm order, merging what stays in order', () => {
    expect(transposeLayout([2, 3, 4], [0, 2, 1])).toEqual({ dims: [2, 4, 3], strides: [[12, 1, 4]] });
    expect(transposeLayout([2, 3, 4], [0, 1, 2])).toEqual({ dims: [24], strides: [[1]] });
    expect(transposeLayout([2, 3, 4, 5], [2, 3, 0, 1])).toEqual({ dims: [20, 6], strides: [[1, 20]] });
  });

  it('slices with the input strides (merging only where the slice is contiguous)', () => {
    const strides = contiguousStrides([4, 5, 6]);
    expect(strides).toEqual([30, 6, 1]);
    expect(mergeStrided([2, 5, 6], [strides])).toEqual({ dims: [60], strides: [[1]] });
    expect(mergeStrided([2, 3, 6], [strides])).toEqual({ dims: [2, 18], strides: [[30, 1]] });
  });

  it('writes rank, dims, then each operand', () => {
    expect(
      stridedInts({
        dims: [4, 3],
        strides: [
          [1, 0],
          [0, 1],
        ],
      }),
    ).toEqual([2, 4, 3, 1, 0, 0, 1]);
    expect(() => stridedInts({ dims: new Array(9).fill(2), strides: [new Array(9).fill(1)] })).toThrow(/at most 8/);
  });
});
