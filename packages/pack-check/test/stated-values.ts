/**
 * What a README comment says a console.log prints, and whether it did. The comment lists the
 * printed arguments separated by spaces, optionally followed by `;` and prose:
 *   `// [[7, 10], [15, 22]]`        one array (JSON numbers; within 1e-5 relative, as float32 prints)
 *   `// wasm [[17], [39]]`          a string, then an array
 *   `// Float32Array [11]; ...`     a typed array of that class and those values
 *   `// ≈ 2`                        a number within 1e-3 relative
 */

export type Stated =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'typed'; readonly name: string; readonly values: number[] }
  | { readonly kind: 'approx'; readonly value: number };

/** Splits at spaces and stops at `;`, both outside brackets. */
function tokens(comment: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of comment) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (depth === 0 && ch === ';') break;
    if (depth === 0 && /\s/.test(ch)) {
      if (current !== '') out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '') out.push(current);
  return out;
}

function literal(token: string): unknown {
  if (/^[[\d-]/.test(token) || token === 'true' || token === 'false' || token === 'null') return JSON.parse(token) as unknown;
  return token;
}

export function parseStated(comment: string): Stated[] {
  const words = tokens(comment);
  const stated: Stated[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '≈') {
      stated.push({ kind: 'approx', value: Number(words[++i]) });
    } else if (/^(Float32|Float64|Int32|Uint8|Int8|Uint16|Int16|Uint32)Array$/.test(word) && words[i + 1]?.startsWith('[')) {
      stated.push({ kind: 'typed', name: word, values: JSON.parse(words[++i]) as number[] });
    } else {
      stated.push({ kind: 'value', value: literal(word) });
    }
  }
  return stated;
}

function close(actual: number, expected: number, rtol: number): boolean {
  return actual === expected || Math.abs(actual - expected) <= rtol * Math.max(1, Math.abs(expected));
}

function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number') return typeof actual === 'number' && close(actual, expected, 1e-5);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => sameValue(actual[i], e));
  }
  return actual === expected;
}

function matches(printed: unknown, stated: Stated): boolean {
  switch (stated.kind) {
    case 'approx':
      return typeof printed === 'number' && Number.isFinite(stated.value) && close(printed, stated.value, 1e-3);
    case 'typed': {
      const typed = printed as { typed?: string; values?: unknown };
      return typed !== null && typeof typed === 'object' && typed.typed === stated.name && sameValue(typed.values, stated.values);
    }
    case 'value':
      return sameValue(printed, stated.value);
  }
}

function show(stated: Stated): string {
  switch (stated.kind) {
    case 'approx':
      return `≈ ${stated.value}`;
    case 'typed':
      return `${stated.name} ${JSON.stringify(stated.values)}`;
    case 'value':
      return JSON.stringify(stated.value);
  }
}

/** Null when the printed arguments are what the comment states, else why not. */
export function mismatch(comment: string, printed: readonly unknown[]): string | null {
  const stated = parseStated(comment);
  if (stated.length !== printed.length) {
    return `the comment states ${stated.length} value(s) but console.log printed ${printed.length}: ${JSON.stringify(printed)}`;
  }
  const wrong = stated.findIndex((s, i) => !matches(printed[i], s));
  return wrong === -1 ? null : `value ${wrong + 1}: printed ${JSON.stringify(printed[wrong])}, the comment says ${show(stated[wrong])}`;
}
