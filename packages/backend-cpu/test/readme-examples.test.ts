// The examples in the READMEs of the root, core and backend-cpu, extracted and run as ES modules
// against the built packages, so documentation that stops working fails the build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const scratch = `${pkg}.readme-examples/`;
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function examples(readme: string): string[] {
  const text = readFileSync(fileURLToPath(new URL(readme, import.meta.url)), 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).filter((code) => code.includes("from '@tensile/core'"));
}

function run(code: string, name: string): string {
  mkdirSync(scratch, { recursive: true });
  const file = `${scratch}${name}.mjs`;
  writeFileSync(file, code);
  return execFileSync(process.execPath, [file], { encoding: 'utf8', cwd: pkg });
}

describe('README examples run', () => {
  it('root README: matMul and grad', () => {
    const [code] = examples('../../../README.md');
    expect(run(code, 'root')).toBe('[ [ 7, 10 ], [ 15, 22 ] ]\n[ [ 2, 4 ], [ 6, 8 ] ]\n');
  });

  it('core README: fitting w by gradient descent converges to 2', () => {
    const [code] = examples('../../core/README.md');
    const printed = run(code, 'core');
    const w = Number(/-?\d+(\.\d+)?(e-?\d+)?/.exec(printed)?.[0]);
    expect(Math.abs(w - 2)).toBeLessThan(1e-3);
  });

  it('backend-cpu README: matMul', () => {
    const [code] = examples('../README.md');
    expect(run(code, 'cpu')).toBe('[ [ 17 ], [ 39 ] ]\n');
  });
});
