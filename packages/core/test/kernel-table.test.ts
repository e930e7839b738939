import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

interface Diagnostic {
  /** Relative to the package, e.g. `src/gradients/index.ts`. */
  readonly file: string;
  readonly message: string;
}

function diagnostics(file: string): Diagnostic[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.esnext.disposable.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    file: d.file ? relative(packageRoot, d.file.fileName) : '',
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

describe('KernelTable (compile-time contract)', () => {
  it('a table with every required kernel compiles', () => {
    expect(diagnostics(fixture('complete-kernel-table.ts'))).toEqual([]);
  });

  it('a table missing a required kernel does not compile, and the error names it', () => {
    const errors = diagnostics(fixture('missing-kernel.ts'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.message).join('\n')).toMatch(/conv2dBackpropFilter/);
  });

  // What docs/adding-an-op.md promises: a signature alone stops the build at the spec, the gradient
  // table, the conformance cases and every backend's table, each error naming the kernel.
  it('a kernel added to KernelSignatures alone does not compile until its spec, gradient entry, cases and backends name it', () => {
    const errors = diagnostics(fixture('new-kernel.ts'));
    const named = errors.filter((e) => e.message.includes('erfinv'));
    expect(new Set(named.map((e) => e.file))).toEqual(
      new Set(['src/kernels/specs.ts', 'src/gradients/index.ts', 'src/testing/cases/index.ts', 'test/fixtures/new-kernel.ts']),
    );
    expect(errors.filter((e) => !e.message.includes('erfinv'))).toEqual([]);
  });
});
