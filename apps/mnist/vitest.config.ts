import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The end-to-end CLI test trains on 2,000 images on whatever backend starts; give it room.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
