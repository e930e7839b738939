import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from '../src/index.js';

describe('wasm vector math', () => {
  let b: WasmBackend;
  beforeAll(async () => {
    b = createWasmBackend({ threads: 1 });
    await b.init();
  });
  afterAll(() => b.dispose());

  it('tanh: relative error below 5e-7 of Math.tanh over [-12, 12] and at the limits, NaN kept', () => {
    let worst = 0;
    for (let i = 0; i <= 200000; i++) {
      const x = Math.fround(-12 + (24 * i) / 200000);
      const want = Math.tanh(x);
      const got = b.exports.tanhS(x);
      worst = Math.max(worst, Math.abs(got - want) / Math.max(Math.abs(want), 1e-30));
    }
    expect(worst).toBeLessThan(5e-7);
    expect(Math.abs(b.exports.tanhS(Infinity) - 1)).toBeLessThan(5e-7);
    expect(Math.abs(b.exports.tanhS(-Infinity) + 1)).toBeLessThan(5e-7);
    expect(b.exports.tanhS(1e-30)).toBe(Math.fround(1e-30));
    expect(Number.isNaN(b.exports.tanhS(NaN))).toBe(true);
  });
});
