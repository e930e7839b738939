/**
 * fillData (the fill kernel, pad's background, an empty filter gradient): four-byte dtypes are
 * written by wasm's fill32, on the shared memory of the threaded build as on the single-threaded
 * one; nothing past the tensor is touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from '../src/index.js';

for (const threads of [1, 2]) {
  describe(`wasm fillData, ${threads} thread(s)`, () => {
    let b: WasmBackend;
    beforeAll(async () => {
      b = createWasmBackend({ threads });
      await b.init();
    });
    afterAll(() => b.dispose());

    it.each([
      ['float32', 7, 1.5, [1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5]],
      ['float32', 5, -0, [-0, -0, -0, -0, -0]],
      ['float32', 3, Number.NaN, [Number.NaN, Number.NaN, Number.NaN]],
      ['int32', 6, -7, [-7, -7, -7, -7, -7, -7]],
      ['int32', 2, 2 ** 31 - 1, [2 ** 31 - 1, 2 ** 31 - 1]],
      ['bool', 5, 3, [1, 1, 1, 1, 1]],
    ] as const)('%s x%i = %d', (dtype, size, value, want) => {
      // Another tensor allocated after it keeps its values.
      const t = b.allocData(size, dtype);
      const next = b.write(new Float32Array([9, 9, 9, 9, 9, 9, 9, 9]), 'float32');
      b.fillData(t, value);
      expect(Array.from(b.readSync(t))).toEqual(want);
      expect(Array.from(b.readSync(next))).toEqual([9, 9, 9, 9, 9, 9, 9, 9]);
      b.disposeData(t);
      b.disposeData(next);
    });
  });
}
