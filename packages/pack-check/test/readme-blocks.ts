/**
 * The parts of a README the examples test reads: fenced code blocks, the `npm install` lines
 * that say what to install, and the console.log lines whose comment says what they print.
 */

export interface CodeBlock {
  /** The fence's language (`ts`, `sh`). */
  readonly lang: string;
  readonly code: string;
  /** The README line of the block's first line of code (1-based). */
  readonly line: number;
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)/.exec(lines[i]);
    if (open === null) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end].startsWith('```')) end++;
    blocks.push({ lang: open[1], code: lines.slice(start, end).join('\n'), line: start + 1 });
    i = end;
  }
  return blocks;
}

/** The packages named by the `npm install` lines of a README's shell blocks, flags and comments left out. */
export function installedPackages(blocks: readonly CodeBlock[]): string[] {
  const names: string[] = [];
  for (const block of blocks.filter((b) => b.lang === 'sh')) {
    for (const line of block.code.split('\n')) {
      const command = /^\s*npm (?:install|i) (.*)$/.exec(line.replace(/#.*$/, ''));
      if (command !== null) names.push(...command[1].split(/\s+/).filter((w) => w !== '' && !w.startsWith('-')));
    }
  }
  return names;
}

/** The bare module names a block imports (`@tensile/core`, `vitest`), `node:` builtins left out. */
export function importedModules(code: string): string[] {
  const names = [...code.matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return [...new Set(names.filter((n) => !n.startsWith('.') && !n.startsWith('node:')))];
}

/** The package an import names: `@tensile/core/testing` -> `@tensile/core`, `webgpu` -> `webgpu`. */
export function packageOf(moduleName: string): string {
  const parts = moduleName.split('/');
  return moduleName.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export interface Statement {
  /** Line within the block (1-based). */
  readonly line: number;
  /** The comment after the call: what it prints, then optionally `;` and prose. */
  readonly comment: string;
}

/** Lines that call console.log and end in a `// comment`. */
export function printStatements(code: string): Statement[] {
  const found: Statement[] = [];
  code.split('\n').forEach((text, i) => {
    if (!text.includes('console.log(')) return;
    const comment = /\)\s*;?\s*\/\/\s?(.*)$/.exec(text);
    if (comment !== null) found.push({ line: i + 1, comment: comment[1].trim() });
  });
  return found;
}
