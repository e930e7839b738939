// Writes assembly/generated/ from core's sub-op lists and src/param-layouts.ts
// (scripts/generate-assembly.mjs), then compiles the AssemblyScript kernels into the four builds
// the loader chooses from at run time, with the compiler from node_modules only (no system
// toolchain). Output: build/*.wasm, which tsup's onSuccess copies to dist/wasm/. The builds
// compile in parallel child processes.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writeGenerated } from './generate-assembly.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ascBin = createRequire(import.meta.url).resolve('assemblyscript/bin/asc.js');
const common = ['assembly/index.ts', '--runtime', 'stub', '--importMemory', '--noExportMemory', '-O3', '--noAssert', '--use', 'abort='];
// Shared memory must declare its maximum: 16384 pages (1 GiB), which bounds the threaded builds' heap (docs/toolchain.md).
const threads = ['--sharedMemory', '--maximumMemory', '16384'];

const BUILDS = {
  'tensile-simd.wasm': ['--enable', 'simd'],
  'tensile-simd-relaxed.wasm': ['--enable', 'simd,relaxed-simd'],
  'tensile-threads.wasm': ['--enable', 'simd,threads', ...threads],
  'tensile-threads-relaxed.wasm': ['--enable', 'simd,threads,relaxed-simd', ...threads],
};

await writeGenerated();
await mkdir(new URL('../build/', import.meta.url), { recursive: true });
const results = await Promise.all(
  Object.entries(BUILDS).map(
    ([name, flags]) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [ascBin, ...common, ...flags, '--outFile', `build/${name}`], { cwd: root, stdio: 'inherit' });
        child.on('close', (code) => resolve({ name, code }));
      }),
  ),
);
const failed = results.filter((r) => r.code !== 0);
if (failed.length > 0) {
  console.error(`backend-wasm: asc failed for ${failed.map((r) => r.name).join(', ')}`);
  process.exit(1);
}
console.log(`backend-wasm: compiled ${results.length} builds into build/`);
