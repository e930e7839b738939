import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/pack-tarballs.ts'],
    // Each file runs npm, node and tsc in child processes; turbo already runs other packages'
    // tests beside this one.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
