import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '@tensile/backend-cpu';
import { runConformanceSuite } from '@tensile/core/testing';
import { createWasmBackend, enableNodeRelaxedSimd } from '../src/index.js';

const runner = { describe, it, beforeAll, afterAll };
const moveTarget = (): CpuBackend => new CpuBackend();

// The relaxed-SIMD (FMA) builds, which apps/mnist runs on Node 20 through enableNodeRelaxedSimd
// (and browsers run by default): the whole suite on one thread and, split everywhere, on three.
const relaxed = await enableNodeRelaxedSimd();
if (relaxed) {
  runConformanceSuite({ name: 'wasm-relaxed', create: () => createWasmBackend({ threads: 1 }), moveTarget }, runner);
  runConformanceSuite(
    { name: 'wasm-relaxed-threads', create: () => createWasmBackend({ threads: 3, forceParallel: true }), moveTarget },
    runner,
  );
  it('the relaxed builds are the ones chosen once the flag is on', async () => {
    const one = createWasmBackend({ threads: 1 });
    const three = createWasmBackend({ threads: 3 });
    await one.init();
    await three.init();
    expect([one.info.build, three.info.build]).toEqual(['tensile-simd-relaxed.wasm', 'tensile-threads-relaxed.wasm']);
    one.dispose();
    three.dispose();
  });
} else if (process.env.CI) {
  // CI's Node validates relaxed SIMD with the flag: the FMA builds must be proven there, not skipped.
  it(`wasm relaxed SIMD validates in CI (Node ${process.versions.node}, with --experimental-wasm-relaxed-simd)`, () => {
    expect(relaxed).toBe(true);
  });
} else {
  it.skip(`wasm relaxed SIMD: skipped because this runtime (Node ${process.versions.node}) does not validate relaxed SIMD even with --experimental-wasm-relaxed-simd (in CI this fails instead)`, () => {});
}
