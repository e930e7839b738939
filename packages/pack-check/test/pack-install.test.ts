/**
 * The published packages as a user gets them: `npm pack` for each, then, for each backend, a
 * project outside the workspace that installs @tensile/core, @tensile/layers and that backend
 * alone from the tarballs (other dependencies from npm's cache or the registry, as npm does), and
 * runs an ES module, a CommonJS script and `tsc --strict` against what was installed.
 * Runs after the builds (turbo's test task depends on ^build).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { lastJson, run, runOk, type Run } from './npm.js';
import { PUBLIC, root } from './pack-tarballs.js';
import { INSTALL_FLAGS, makeProject } from './project.js';

const consumerFiles = resolve(dirname(fileURLToPath(import.meta.url)), '../consumer');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const packed = inject('packed');

type BackendName = 'cpu' | 'wasm' | 'webgpu';

const webgpuManifest = JSON.parse(readFileSync(join(root, 'packages/backend-webgpu/package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
};
/** Dawn for Node, at the version backend-webgpu names as its optional peer. */
const DAWN = `webgpu@${webgpuManifest.peerDependencies.webgpu}`;

describe('npm pack', () => {
  it('packs the five public packages with their built entry points, README and package.json only', () => {
    expect(Object.keys(packed.tarballs).sort()).toEqual(PUBLIC.map((p) => `@tensile/${p}`).sort());
    for (const [name, { files }] of Object.entries(packed.tarballs)) {
      expect(
        files.filter((f) => !f.startsWith('dist/') && f !== 'package.json' && f !== 'README.md'),
        name,
      ).toEqual([]);
      for (const entry of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts']) expect(files, name).toContain(entry);
    }
    const files = (p: string): string[] => packed.tarballs[`@tensile/${p}`]?.files ?? [];
    for (const entry of ['dist/testing/index.js', 'dist/testing/index.cjs', 'dist/testing/index.d.ts', 'dist/testing/index.d.cts']) {
      expect(files('core')).toContain(entry);
    }
    expect(files('backend-wasm').filter((f) => f.endsWith('.wasm'))).toEqual([
      'dist/wasm/tensile-simd-relaxed.wasm',
      'dist/wasm/tensile-simd.wasm',
      'dist/wasm/tensile-threads-relaxed.wasm',
      'dist/wasm/tensile-threads.wasm',
    ]);
  });
});

/** A project with core, layers and one backend from the tarballs, and the consumer's code. */
function appProject(backend: BackendName): string {
  const dir = makeProject(packed, `app-${backend}`, ['@tensile/core', `@tensile/backend-${backend}`, '@tensile/layers']);
  for (const file of ['app.mjs', 'app.cjs', 'tsconfig.json']) cpSync(join(consumerFiles, file), join(dir, file));
  mkdirSync(join(dir, 'typed'));
  for (const file of ['model.ts', `${backend}.ts`, `${backend}.cts`]) cpSync(join(consumerFiles, 'typed', file), join(dir, 'typed', file));
  return dir;
}

function app(dir: string, script: 'app.mjs' | 'app.cjs', backend: BackendName): Record<string, unknown> {
  return lastJson(runOk(process.execPath, [script, backend], dir, 150_000));
}

/** What app.mjs and app.cjs compute on a backend that started; see app.mjs for the numbers. */
function expectComputed(out: Record<string, unknown>, backend: BackendName, factory: string): void {
  expect(out.backend).toBe(backend);
  expect(out.exports).toContain(factory);
  expect(out.testing).toBe('function');
  expect(out.product).toEqual([[17], [39]]);
  expect(out.gradient).toEqual([2, 4, 6]);
  expect(out.before).toEqual([[3]]);
  const loss = out.loss as number[];
  expect(loss).toHaveLength(1);
  expect(loss[0]).toBeCloseTo(9, 5);
  const after = out.after as number[][];
  expect(after[0][0]).toBeCloseTo(-0.6, 5);
}

function expectOneCore(dir: string, backend: BackendName): void {
  for (const p of [`backend-${backend}`, 'layers']) {
    const manifest = JSON.parse(readFileSync(join(dir, 'node_modules/@tensile', p, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    expect(manifest.peerDependencies?.['@tensile/core'], p).toBe('*');
    expect(manifest.dependencies?.['@tensile/core'], p).toBeUndefined();
    expect(existsSync(join(dir, 'node_modules/@tensile', p, 'node_modules')), `${p} has a node_modules of its own`).toBe(false);
  }
  expect(existsSync(join(dir, 'node_modules/@tensile/core/dist/index.js'))).toBe(true);
}

function typeCheck(dir: string, backend: BackendName): void {
  const result: Run = run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--listFiles', '--pretty', 'false'], dir, 120_000);
  const lines = result.stdout.split('\n');
  const errors = lines.filter((l) => /error TS\d+/.test(l));
  expect(errors, `tsc --strict in ${dir}:\n${errors.join('\n')}`).toEqual([]);
  expect(result.status, result.stdout + result.stderr).toBe(0);
  // The check means something only if the tarballs' declarations were the ones loaded.
  const loaded = new Set(lines.map((l) => l.trim()).filter((l) => l.startsWith('/')));
  const expected = ['core/dist/index', 'core/dist/testing/index', `backend-${backend}/dist/index`, 'layers/dist/index']
    .flatMap((p) => [`${p}.d.ts`, `${p}.d.cts`])
    .map((p) => join(dir, 'node_modules/@tensile', p));
  expect(expected.filter((f) => !loaded.has(f))).toEqual([]);
}

const FACTORIES: Record<BackendName, string> = { cpu: 'createCpuBackend', wasm: 'createWasmBackend', webgpu: 'createWebGpuBackend' };

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`a project with core, layers and backend-${backend} installed from the tarballs`, () => {
    let dir = '';
    beforeAll(() => {
      dir = appProject(backend);
    });

    it('has one copy of core, which the backend and layers take as a peer', () => expectOneCore(dir, backend));
    it('app.mjs (ES modules) computes, differentiates and trains a dense layer', () =>
      expectComputed(app(dir, 'app.mjs', backend), backend, FACTORIES[backend]));
    it('app.cjs (require) computes, differentiates and trains a dense layer', () =>
      expectComputed(app(dir, 'app.cjs', backend), backend, FACTORIES[backend]));
    it('tsc --strict accepts typed code against the .d.ts and .d.cts in the tarballs', () => typeCheck(dir, backend));

    if (backend === 'wasm') {
      it('reads its .wasm builds from the installed package and nowhere else', () => {
        // With the package's dist/wasm moved away the backend cannot start, and its error
        // lists every place it looked: all inside the installed package.
        const builds = join(dir, 'node_modules/@tensile/backend-wasm/dist/wasm');
        renameSync(builds, `${builds}-away`);
        try {
          const out = app(dir, 'app.mjs', 'wasm');
          const reason = String(out.unavailable);
          const tried = [...reason.matchAll(/file:\/\/(\S+?\.wasm)/g)].map((m) => m[1]);
          expect(tried.length).toBeGreaterThan(0);
          expect(tried.filter((p) => !p.startsWith(join(dir, 'node_modules/@tensile/backend-wasm/')))).toEqual([]);
          expect(tried).toContain(join(builds, String(/could not load (\S+?\.wasm)/.exec(reason)?.[1])));
        } finally {
          renameSync(`${builds}-away`, builds);
        }
      });
    }
  });
}

describe('a project with core, layers and backend-webgpu installed from the tarballs', () => {
  let dir = '';
  beforeAll(() => {
    dir = appProject('webgpu');
  });

  it('has one copy of core, which the backend and layers take as a peer', () => expectOneCore(dir, 'webgpu'));

  it('without Dawn (the optional webgpu peer), app.mjs and app.cjs learn why from listBackends()', () => {
    for (const script of ['app.mjs', 'app.cjs'] as const) {
      const out = app(dir, script, 'webgpu');
      expect(out.unavailable, script).toMatch(/the optional `webgpu` package \(Dawn\) could not be loaded/);
      expect(out.unavailable, script).toContain(`npm install ${DAWN}`);
    }
  });

  it('tsc --strict accepts typed code against the .d.ts and .d.cts in the tarballs (WebGPU types from @webgpu/types)', () =>
    typeCheck(dir, 'webgpu'));

  it(`with ${DAWN} installed too, app.mjs and app.cjs run on Dawn`, (ctx) => {
    runOk('npm', ['install', ...INSTALL_FLAGS, DAWN], dir, 180_000);
    for (const script of ['app.mjs', 'app.cjs'] as const) {
      const out = app(dir, script, 'webgpu');
      if (out.unavailable !== undefined) {
        // No Vulkan driver Dawn accepts on this machine: CI requires one, elsewhere say why.
        if (process.env.TENSILE_REQUIRE_WEBGPU === '1') throw new Error(`${script}: webgpu did not start: ${String(out.unavailable)}`);
        ctx.skip(`no WebGPU adapter here (${String(out.unavailable)})`);
      }
      expectComputed(out, 'webgpu', FACTORIES.webgpu);
    }
  });
});
