import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Two copies of core's built dist in one Node process: the package itself, and a copy under
// a temporary node_modules that a stand-in backend package resolves to, as npm lays out a
// backend whose core version range the application's core does not satisfy.
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const { version }: { version: string } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tensile-two-cores-'));
  const backend = join(root, 'node_modules', 'stand-in-backend');
  const nestedCore = join(backend, 'node_modules', '@tensile', 'core');
  mkdirSync(nestedCore, { recursive: true });
  cpSync(join(packageRoot, 'dist'), join(nestedCore, 'dist'), { recursive: true });
  cpSync(join(packageRoot, 'package.json'), join(nestedCore, 'package.json'));
  writeFileSync(join(backend, 'package.json'), JSON.stringify({ name: 'stand-in-backend', type: 'module', main: 'index.js' }));
  // What a backend's side-effect entry does: register itself with the core it imports.
  writeFileSync(
    join(backend, 'index.js'),
    [
      "import { registerBackend } from '@tensile/core';",
      "registerBackend('stand-in', () => { throw new Error('never started'); }, 0);",
    ].join('\n'),
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs an ES module in a fresh Node process from `root`; returns what it printed. */
function runApp(source: string): string {
  const app = join(root, 'app.mjs');
  writeFileSync(app, source);
  return execFileSync(process.execPath, [app], { cwd: root, encoding: 'utf8' });
}

const appCore = pathToFileURL(join(packageRoot, 'dist', 'index.js')).href;
const appCoreDir = new URL('.', appCore).href;

describe('a second copy of @tensile/core', () => {
  it('makes a backend registering with it throw DuplicateCoreError, naming both copies', () => {
    const out = runApp(`
      const core = await import(${JSON.stringify(appCore)});
      try {
        await import('stand-in-backend');
        console.log('registered');
      } catch (err) {
        console.log(err.name + ': ' + err.message);
      }
    `);
    expect(out).toMatch(/^DuplicateCoreError: registerBackend: backend 'stand-in' was registered with a second copy of @tensile\/core/);
    expect(out).toContain(
      `@tensile/core ${version} (ESM) at ${appCoreDir} loaded first, then @tensile/core ${version} (ESM) at ${pathToFileURL(root).href}/node_modules/stand-in-backend/node_modules/@tensile/core/dist/ (this one)`,
    );
    expect(out).toContain('npm dedupe');
  });

  it('is named by the first copy when a backend it lacks is asked for', () => {
    const out = runApp(`
      const core = await import(${JSON.stringify(appCore)});
      await import('stand-in-backend').catch(() => undefined);
      await core.setBackend('stand-in').catch((err) => console.log(err.name + ': ' + err.message));
    `);
    expect(out).toMatch(/^BackendUnavailableError: setBackend: no backend named 'stand-in' is registered/);
    expect(out).toMatch(
      /Another copy of @tensile\/core is loaded \(@tensile\/core \S+ \(ESM\) at \S+stand-in-backend\/node_modules\/@tensile\/core\/dist\/; this is @tensile\/core \S+ \(ESM\) at \S+packages\/core\/dist\/\)/,
    );
  });

  it('is the ESM and CommonJS builds of one package, when an app loads both', () => {
    const out = runApp(`
      import { createRequire } from 'node:module';
      await import(${JSON.stringify(appCore)});
      const cjs = createRequire(import.meta.url)(${JSON.stringify(fileURLToPath(appCore).replace(/\.js$/, '.cjs'))});
      try {
        cjs.registerBackend('late', () => { throw new Error('never started'); }, 0);
      } catch (err) {
        console.log(err.name + ': ' + err.message);
      }
    `);
    expect(out).toContain(
      `@tensile/core ${version} (ESM) at ${appCoreDir} loaded first, then @tensile/core ${version} (CommonJS) at ${appCoreDir} (this one)`,
    );
  });

  it('is not reported when there is one copy, whatever registers with it', () => {
    const out = runApp(`
      const core = await import(${JSON.stringify(appCore)});
      console.log(core.registerBackend('one', () => { throw new Error('never started'); }, 0));
      await core.setBackend('two').catch((err) => console.log(err.message));
    `);
    expect(out).toBe("true\nsetBackend: no backend named 'two' is registered; registered: one (install and import @tensile/backend-two)\n");
  });
});
