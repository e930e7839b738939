/**
 * One benchmark measurement, in its own process (bench.ts spawns one per backend) so that every
 * backend starts with fresh memory and no thread pool, GPU device or wasm heap of another one.
 *
 *   node dist/bench-worker.js <tensile-cpu|tensile-wasm-compiled|tensile-webgpu-compiled|tfjs-wasm|...> [--steps N] [--seconds S]
 *     [--warmup W] [--batch-size B]
 *
 * Prints one line `BENCH_RESULT {json}` (a BenchResult), whatever happens.
 */
import { DEFAULT_MEASURE, RESULT_PREFIX, shortError, type BenchResult, type MeasureOptions } from './bench-measure.js';
import { TFJS_BACKENDS, type TfjsBackend } from './bench-tfjs.js';

function options(argv: readonly string[]): MeasureOptions {
  const o: { -readonly [K in keyof MeasureOptions]: MeasureOptions[K] } = { ...DEFAULT_MEASURE };
  for (let i = 0; i < argv.length; i += 2) {
    const v = Number(argv[i + 1]);
    if (argv[i] === '--steps') o.maxSteps = v;
    else if (argv[i] === '--seconds') o.seconds = v;
    else if (argv[i] === '--warmup') o.warmupSteps = v;
    else if (argv[i] === '--batch-size') o.batchSize = v;
  }
  return o;
}

function isTfjs(name: string): name is TfjsBackend {
  return TFJS_BACKENDS.some((b) => b === name);
}

async function run(id: string, o: MeasureOptions): Promise<BenchResult> {
  const [framework, backend] = id.split('-', 2);
  if (id === 'tensile-wasm-compiled' || id === 'tensile-webgpu-compiled') {
    const { benchTensile } = await import('./bench-tensile.js');
    return benchTensile(backend, o, { jitCompile: true });
  }
  if (framework === 'tensile' && backend && id === `tensile-${backend}`) {
    const { benchTensile } = await import('./bench-tensile.js');
    return benchTensile(backend, o);
  }
  if (framework === 'tfjs' && backend && isTfjs(backend)) {
    const { benchTfjs } = await import('./bench-tfjs.js');
    return benchTfjs(backend, o);
  }
  return { id, status: 'failed', error: `unknown benchmark '${id}'` };
}

async function main(): Promise<void> {
  const [id = '', ...rest] = process.argv.slice(2);
  let result: BenchResult;
  try {
    result = await run(id, options(rest));
  } catch (e) {
    result = { id, status: 'failed', error: shortError(e) };
  }
  result = { ...result, pid: process.pid };
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
  // A Dawn device or a worker thread pool can keep the event loop alive; the measurement is done.
  process.exit(0);
}

void main();
