import { describe, expect, it } from 'vitest';
import { convInputRowsFits, convInputRowsProgram } from './conv-input-rows.js';

// LeNet's second convolution, backwards: dx 14 wide with 6 channels, dy 10 wide with 16.
const LENET_C3 = { w: 14, ci: 6, ow: 10, co: 16, fw: 5, pl: 0 };

describe('the row-wise input gradient (WGSL)', () => {
  it("takes LeNet's second convolution, not rows past 32 accumulated floats or bodies past 200 statements", () => {
    expect(convInputRowsFits(LENET_C3)).toBe(true);
    // 28 pixels x 2 channels a lane: 56 floats.
    expect(convInputRowsFits({ ...LENET_C3, w: 28, ow: 24 })).toBe(false);
    // One channel a lane fits 28 pixels, but 24 pixels x 5 taps x 2 dy channels is 240 statements.
    expect(convInputRowsFits({ ...LENET_C3, ci: 1, w: 28, ow: 24 })).toBe(false);
    expect(convInputRowsFits({ ...LENET_C3, ci: 1, w: 28, ow: 24, co: 15 })).toBe(true);
  });

  it('unrolls only the (dy pixel, tap) pairs that land inside the dx row', () => {
    const src = (s: typeof LENET_C3) => convInputRowsProgram(s).source();
    // Valid: every one of the 10 x 5 pairs lands; two dy channels a chunk.
    expect(src(LENET_C3).match(/acc\d+ = acc\d+ \+/g)).toHaveLength(100);
    // 'same' padding 2 over a 14-pixel row: 14 x 5 pairs less the 2 + 1 that fall off each end.
    expect(src({ w: 14, ci: 6, ow: 14, co: 16, fw: 5, pl: 2 }).match(/acc\d+ = acc\d+ \+/g)).toHaveLength(2 * (70 - 6));
    // An odd dy channel count reads one channel at a time.
    expect(src({ ...LENET_C3, co: 15 }).match(/acc\d+ = acc\d+ \+/g)).toHaveLength(50);
  });
});
