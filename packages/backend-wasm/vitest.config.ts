import { defineConfig } from 'vitest/config';

const timeouts = { testTimeout: 120_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'wasm', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], ...timeouts } },
      {
        // The relaxed-SIMD (FMA) builds are what Chromium runs; Node 20 validates them only with
        // this flag, so they get their own pass over the kernel tests.
        test: {
          name: 'wasm-relaxed-simd',
          include: ['test/conformance.test.ts', 'test/large-shapes.test.ts'],
          execArgv: ['--experimental-wasm-relaxed-simd'],
          ...timeouts,
        },
      },
    ],
  },
});
