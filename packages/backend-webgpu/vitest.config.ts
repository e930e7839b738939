import { defineConfig } from 'vitest/config';

// The LeNet timing (test/lenet-bench.ts) runs only when asked for, so CI shows no skipped test:
// TENSILE_BENCH=1 npx vitest run
const bench = process.env.TENSILE_BENCH === '1';

export default defineConfig({
  test: {
    include: bench ? ['test/lenet-bench.ts'] : ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
