import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg: { version: string } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  // As tsup.config.ts: tests of src/ see the version the build would write.
  define: { __TENSILE_CORE_VERSION__: JSON.stringify(pkg.version) },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
