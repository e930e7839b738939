// Bundles bench/step.ts with esbuild (already installed with tsup) and runs it with node, so the
// bench needs no TypeScript runner. Core and the cpu backend are bundled from their sources, so
// the bench measures the working tree whatever state their dist/ is in. Extra arguments are
// passed to the bench.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';

const coreVersion = JSON.parse(await readFile(new URL('../../core/package.json', import.meta.url), 'utf8')).version;

// `node scripts/bench.mjs [step|kernels|ab|step-ab|scaling] [args]`: which bench/*.ts to run (default: step).
const which = ['step', 'kernels', 'ab', 'step-ab', 'scaling'].includes(process.argv[2]) ? process.argv[2] : 'step';
const rest = process.argv.slice(which === process.argv[2] ? 3 : 2);
await mkdir(new URL('../.bench/', import.meta.url), { recursive: true });
const outfile = new URL(`../.bench/${which}.mjs`, import.meta.url).pathname;
await build({
  entryPoints: [new URL(`../bench/${which}.ts`, import.meta.url).pathname],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  logLevel: 'warning',
  // Core's build defines its version (core-copies.ts); bundled from source it needs the same.
  define: { __TENSILE_CORE_VERSION__: JSON.stringify(coreVersion) },
  alias: {
    '@tensile/core': new URL('../../core/src/index.ts', import.meta.url).pathname,
    '@tensile/backend-cpu': new URL('../../backend-cpu/src/index.ts', import.meta.url).pathname,
  },
});
const r = spawnSync(process.execPath, [outfile, ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
