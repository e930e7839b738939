/**
 * Every README's TypeScript examples, read from the README itself at test time. Each README's
 * `npm install` lines are installed (ours from the tarballs) into a project outside the
 * workspace; each example is transpiled there (types removed, its lines kept by a source map),
 * run with node, and every console.log ending in a `// comment` must print what the comment
 * states (see stated-values.ts for how a comment states a value).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, inject, it } from 'vitest';
import { run } from './npm.js';
import { root } from './pack-tarballs.js';
import { makeProject } from './project.js';
import { codeBlocks, importedModules, installedPackages, packageOf, printStatements, type CodeBlock } from './readme-blocks.js';
import { mismatch } from './stated-values.js';

const packed = inject('packed');
const recorder = pathToFileURL(join(import.meta.dirname, 'record-console.mjs')).href;

function readmes(): string[] {
  const found = [join(root, 'README.md')];
  for (const parent of ['packages', 'apps']) {
    for (const entry of readdirSync(join(root, parent), { withFileTypes: true })) {
      const readme = join(root, parent, entry.name, 'README.md');
      if (entry.isDirectory() && existsSync(readme)) found.push(readme);
    }
  }
  return found;
}

/** `webgpu@0.6.2` -> `webgpu`, `@tensile/core` -> `@tensile/core`. */
function nameOf(spec: string): string {
  return spec.replace(/(.)@.*$/, '$1');
}

/** One project per set of installs: READMEs that install the same packages share it. */
const projects = new Map<string, string>();
function projectFor(installs: readonly string[]): string {
  const key = [...installs].sort().join(' ');
  let dir = projects.get(key);
  if (dir === undefined) {
    dir = makeProject(packed, `readme-${projects.size + 1}`, installs);
    projects.set(key, dir);
  }
  return dir;
}

interface Printed {
  line: number;
  args: unknown[];
}

function runExample(dir: string, name: string, block: CodeBlock): { status: number | null; output: string; printed: Printed[] } {
  const source = `${name}.ts`;
  const js = ts.transpileModule(block.code, {
    fileName: source,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      inlineSourceMap: true,
      inlineSources: true,
      useDefineForClassFields: true,
    },
  }).outputText;
  writeFileSync(join(dir, `${name}.mjs`), js);
  const log = join(dir, `${name}.log`);
  writeFileSync(log, '');
  const result = run(process.execPath, ['--enable-source-maps', '--import', recorder, `${name}.mjs`], dir, 150_000, {
    TENSILE_README_LOG: log,
    TENSILE_README_SOURCE: source,
  });
  const printed = readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Printed);
  return { status: result.status, output: `${result.stdout}${result.stderr}`, printed };
}

for (const readme of readmes()) {
  const where = relative(root, readme);
  const blocks = codeBlocks(readFileSync(readme, 'utf8'));
  const examples = blocks.filter((b) => b.lang === 'ts');
  if (examples.length === 0) continue;
  const installs = installedPackages(blocks);

  describe(where, () => {
    for (const block of examples) {
      const missing = importedModules(block.code)
        .map(packageOf)
        .filter((p) => !installs.some((spec) => nameOf(spec) === p));
      const title = `${where}:${block.line}`;
      if (missing.length > 0 && installs.length > 0) {
        it.skip(`${title}: a sketch, not a program: it imports ${missing.join(', ')}, which the README's npm install does not install`, () =>
          undefined);
        continue;
      }
      it(`${title} runs after the README's npm install and prints what its comments state`, (ctx) => {
        expect(installs, `${where} has TypeScript examples but no \`npm install\` line saying what they need`).not.toEqual([]);
        const dir = projectFor(installs);
        const name = `${where.replace(/[/.]/g, '-')}-${block.line}`;
        const result = runExample(dir, name, block);
        if (result.status !== 0 && /BackendUnavailableError: webgpu:/.test(result.output) && process.env.TENSILE_REQUIRE_WEBGPU !== '1') {
          ctx.skip(`no WebGPU adapter here: ${result.output.split('\n').find((l) => l.includes('BackendUnavailableError')) ?? ''}`);
        }
        expect(result.status, `${title} exited with ${result.status}:\n${result.output}`).toBe(0);
        const problems: string[] = [];
        for (const statement of printStatements(block.code)) {
          const at = `${where}:${block.line + statement.line - 1}`;
          const calls = result.printed.filter((p) => p.line === statement.line);
          if (calls.length === 0) problems.push(`${at}: console.log never ran`);
          for (const call of calls) {
            const why = mismatch(statement.comment, call.args);
            if (why !== null) problems.push(`${at}: ${why}`);
          }
        }
        expect(problems, result.output).toEqual([]);
      });
    }
  });
}
