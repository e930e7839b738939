/** Every benchmark id `npm run bench --backends` takes, in the order a full run measures them. */
import { BROWSER_IDS } from './bench-browser.js';

export const BENCH_IDS: readonly string[] = [
  'tensile-cpu',
  'tensile-wasm',
  'tensile-wasm-compiled',
  'tensile-webgpu',
  'tensile-webgpu-compiled',
  'tensile-webgl',
  'tensile-cuda',
  'tfjs-cpu',
  'tfjs-wasm',
  'tfjs-webgpu',
  'pytorch-cpu',
  ...BROWSER_IDS,
];
