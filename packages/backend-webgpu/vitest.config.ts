import { defineConfig } from 'vitest/config';

// The LeNet timing (test/lenet-bench.ts) runs only when asked for, so CI shows no skipped test:
// TENSILE_BENCH=1 npx vitest run; the per-kernel profile (test/lenet-profile.ts) likewise with
// TENSILE_BENCH=profile.
const bench = process.env.TENSILE_BENCH;
const only = bench === '1' ? ['test/lenet-bench.ts'] : bench === 'profile' ? ['test/lenet-profile.ts'] : null;

export default defineConfig({
  test: {
    include: only ?? ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
