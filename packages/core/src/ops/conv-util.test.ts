import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../errors.js';
import { convOutSize } from '../kernels/specs.js';
import { checkStridesOrDilations, pair, resolvePad, samePadding } from './conv-util.js';

describe("'same' padding (TensorFlow's rule)", () => {
  it('gives ceil(in / stride) outputs for every size, stride, filter and dilation', () => {
    for (let inSize = 1; inSize <= 12; inSize++) {
      for (let filter = 1; filter <= 5; filter++) {
        for (let stride = 1; stride <= 3; stride++) {
          for (let dilation = 1; dilation <= 2; dilation++) {
            const [before, after] = samePadding(inSize, filter, stride, dilation);
            expect(after - before === 0 || after - before === 1).toBe(true);
            const out = convOutSize(inSize, filter, stride, dilation, before, after);
            const wanted = Math.ceil(inSize / stride);
            // TensorFlow pads only as much as the last window needs, never negatively.
            const needed = Math.max((wanted - 1) * stride + (filter - 1) * dilation + 1 - inSize, 0);
            expect(before + after).toBe(needed);
            expect(out).toBe(wanted);
          }
        }
      }
    }
  });

  it('puts the odd pixel after (bottom / right)', () => {
    expect(samePadding(8, 3, 2, 1)).toEqual([0, 1]); // total 1
    expect(samePadding(9, 4, 1, 1)).toEqual([1, 2]); // total 3
    expect(samePadding(5, 5, 1, 1)).toEqual([2, 2]);
    expect(samePadding(28, 5, 1, 1)).toEqual([2, 2]); // LeNet C1 with 'same'
    expect(samePadding(7, 3, 1, 2)).toEqual([2, 2]); // effective filter 5
    expect(samePadding(6, 1, 3, 1)).toEqual([0, 0]);
  });

  it('resolves per axis, with numbers and explicit padding', () => {
    expect(resolvePad('conv2d', 'same', [8, 9], [3, 4], [2, 1], [1, 1])).toEqual({ top: 0, bottom: 1, left: 1, right: 2 });
    expect(resolvePad('conv2d', 'valid', [8, 9], [3, 4], [2, 1], [1, 1])).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
    expect(resolvePad('conv2d', 2, [8, 9], [3, 4], [2, 1], [1, 1])).toEqual({ top: 2, bottom: 2, left: 2, right: 2 });
    const nhwc = [
      [0, 0],
      [1, 2],
      [3, 4],
      [0, 0],
    ] as const;
    expect(resolvePad('conv2d', nhwc, [8, 9], [3, 3], [1, 1], [1, 1])).toEqual({ top: 1, bottom: 2, left: 3, right: 4 });
    const nchw = [
      [0, 0],
      [0, 0],
      [1, 2],
      [3, 4],
    ] as const;
    expect(resolvePad('conv2d', nchw, [8, 9], [3, 3], [1, 1], [1, 1], 'NCHW')).toEqual({ top: 1, bottom: 2, left: 3, right: 4 });
  });

  it('rejects malformed padding, strides and stride-with-dilation', () => {
    expect(() =>
      resolvePad(
        'conv2d',
        [
          [1, 0],
          [1, 1],
          [1, 1],
          [0, 0],
        ],
        [8, 8],
        [3, 3],
        [1, 1],
        [1, 1],
      ),
    ).toThrow(ArgumentError);
    expect(() => resolvePad('conv2d', -1, [8, 8], [3, 3], [1, 1], [1, 1])).toThrow(/non-negative integer/);
    expect(() => pair('conv2d', 'strides', [1, 0])).toThrow(
      'conv2d: strides must be a positive integer or a [height, width] pair of them, got [1,0]',
    );
    expect(() => checkStridesOrDilations('conv2d', [2, 1], [1, 2])).toThrow(/either strides or dilations must be 1/);
    expect(() => checkStridesOrDilations('conv2d', [2, 2], [1, 1])).not.toThrow();
  });
});
