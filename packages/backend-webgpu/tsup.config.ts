import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  // The declarations name WebGPU's global types (GPU, GPUBuffer), which only @webgpu/types (a
  // dependency) declares; the bundler drops src/index.ts's reference directive, so it goes here.
  dts: { banner: '/// <reference types="@webgpu/types" />' },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  shims: true,
});
