import { defineConfig } from 'tsup';

export default defineConfig({
  // Two entries: `index` runs in Node (bundler, server, browser); `page` runs inside the page
  // and must not pull in anything from Node.
  entry: { index: 'src/index.ts', page: 'src/page.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Resolved at run time from node_modules, never bundled: esbuild ships a native binary and
  // playwright-core is large.
  external: ['esbuild', 'playwright-core'],
});
