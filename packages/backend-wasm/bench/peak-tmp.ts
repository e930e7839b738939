import { createWasmBackend, enableNodeRelaxedSimd } from '../src/index.js';
import { timedCall } from './interleave.js';
await enableNodeRelaxedSimd();
const b = createWasmBackend({ threads: 1 });
await b.init();
for (const n of [256, 512]) {
  const f = timedCall(b, 'matMul', { a: [1, n, n], b: [1, n, n] }, { transposeA: false, transposeB: false });
  let best = Infinity;
  for (let i = 0; i < 30; i++) best = Math.min(best, f());
  console.log(n, best.toFixed(3), 'ms', ((2 * n ** 3) / best / 1e6).toFixed(1), 'GFLOP/s');
}
process.exit(0);
