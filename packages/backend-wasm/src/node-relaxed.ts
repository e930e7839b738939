import { isNode, supportsRelaxedSimd } from './loader.js';

/**
 * Lets the relaxed-SIMD (FMA) build run on Node 20, whose V8 (11.3) implements relaxed SIMD but
 * keeps it behind `--experimental-wasm-relaxed-simd`; Node 22+ and current browsers enable it by
 * default. FMA makes the convolutions faster on x86-64 (the package README says by how much). The backend
 * never changes its host's V8 flags by itself: an application opts in by calling this once before
 * the backend initialises (or starts node with the flag). Returns whether relaxed SIMD validates
 * now; outside Node it changes nothing.
 */
export async function enableNodeRelaxedSimd(): Promise<boolean> {
  if (supportsRelaxedSimd()) return true;
  if (!isNode()) return false;
  const name = 'node:v8';
  const v8: typeof import('node:v8') = await import(/* @vite-ignore */ name);
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  return supportsRelaxedSimd();
}
