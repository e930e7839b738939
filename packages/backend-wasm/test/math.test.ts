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

  it('tanh as a fused activation (a buffer, two vectors at a time, then the tail): the same bound', () => {
    // fusedMatMul of a column by [[1]] is the column itself, exactly; its tanh goes over the
    // output buffer in one run of 1003 floats: 125 blocks of 8 and a tail of 3.
    const n = 1003;
    const col = new Float32Array(n).map((_, i) => -12 + (24 * i) / (n - 1));
    col[7] = NaN;
    col[500] = 1e-30;
    const info = (values: Float32Array, shape: number[]) => ({ dataId: b.write(values, 'float32'), shape, dtype: 'float32' as const });
    const y = b.kernels.fusedMatMul(
      b,
      { a: info(col, [1, n, 1]), b: info(new Float32Array([1]), [1, 1, 1]) },
      { transposeA: false, transposeB: false, activation: 'tanh' },
      { shape: [1, n, 1], dtype: 'float32' },
    );
    const got = b.readSync(y) as Float32Array;
    let worst = 0;
    for (let i = 0; i < n; i++) {
      if (i === 7 || i === 500) continue;
      const want = Math.tanh(col[i]);
      worst = Math.max(worst, Math.abs(got[i] - want) / Math.max(Math.abs(want), 1e-30));
    }
    expect(worst).toBeLessThan(5e-7);
    expect(Number.isNaN(got[7])).toBe(true);
    expect(got[500]).toBe(Math.fround(1e-30));
  });
});
