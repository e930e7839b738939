import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

function diagnostics(file: string): string[] {
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
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('KernelTable (compile-time contract)', () => {
  it('a table with every required kernel compiles', () => {
    expect(diagnostics(fixture('complete-kernel-table.ts'))).toEqual([]);
  });

  it('a table missing a required kernel does not compile, and the error names it', () => {
    const errors = diagnostics(fixture('missing-kernel.ts'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(/conv2dBackpropFilter/);
  });
});
