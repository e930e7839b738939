/**
 * Adding a kernel's per-share partial sums into its output, in share order (so the bits do not
 * depend on the thread count's timing). Large outputs split the adding over the pool by element
 * ranges (LeNet's conv3 filter gradient: 48,120 floats, seven partial sums at batch 128); small
 * ones add on the calling thread.
 */
import type { WasmBackend } from '../../backend.js';
import { PARTIALS_PARAMS } from '../../param-layouts.js';
import { MIN_ELEMENTS_PER_THREAD } from './split.js';

/** Floats per unit of the wasm addPartials (PARTIAL_UNIT in assembly/elementwise.ts). */
const UNIT = 1024;

/** y[0..n) += each of `count` blocks of n floats at `partials`, in order. */
export function addPartials(backend: WasmBackend, y: number, partials: number, n: number, count: number): void {
  if (count <= 0 || n === 0) return;
  const p = backend.params(PARTIALS_PARAMS, { y, partials, n, count });
  backend.run('addPartials', p, Math.ceil(n / UNIT), Math.ceil(MIN_ELEMENTS_PER_THREAD / (UNIT * count)));
}
