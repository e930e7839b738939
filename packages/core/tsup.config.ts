import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const pkg: { version: string } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  // Named entries keep dist/ laid out like the "exports" map in package.json.
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  // Code shared by both entries goes into shared chunks in ESM *and* CJS, so
  // "@tensile/core" and "@tensile/core/testing" see one engine/registry instance.
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  shims: true,
  // Each copy of core records its version, so two copies in one app can be named (src/core-copies.ts).
  define: { __TENSILE_CORE_VERSION__: JSON.stringify(pkg.version) },
});
