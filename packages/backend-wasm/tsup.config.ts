import { cp } from 'node:fs/promises';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // The loader finds the .wasm builds next to the bundle through import.meta.url.
  shims: true,
  async onSuccess() {
    await cp('build', 'dist/wasm', { recursive: true, filter: (src) => !src.endsWith('.wat') });
  },
});
