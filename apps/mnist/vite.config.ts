import { defineConfig } from 'vite';

// Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, and so the wasm
// backend its threads. CORP lets the isolated page load its own files under COEP.
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  root: 'web',
  // Relative URLs: the built page works from any folder it is served from.
  base: './',
  // MNIST as gzip chunks and the wasm builds, written by scripts/build-web-assets.mjs.
  publicDir: '../generated/web-public',
  build: {
    outDir: '../dist-web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The worker bundle holds the framework; the page's own code stays small.
    chunkSizeWarningLimit: 1024,
  },
  worker: { format: 'es' },
  server: { headers: ISOLATION_HEADERS, host: '127.0.0.1' },
  preview: { headers: ISOLATION_HEADERS, host: '127.0.0.1' },
});
