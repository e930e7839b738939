/** Turns a page's results into counts and one readable failure report, for assertion messages. */
import type { CaseResult } from './protocol.js';

export interface Summary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly total: number;
  /** Every failed case, `group/name` and its error (first lines of the stack), one block each. */
  readonly report: string;
}

export function summarize(results: readonly CaseResult[], stackLines = 6): Summary {
  const failed = results.filter((r) => r.status === 'failed');
  const report = failed
    .map((r) => `✗ ${r.group}/${r.name}\n    ${(r.error ?? '').split('\n').slice(0, stackLines).join('\n    ')}`)
    .join('\n');
  return {
    passed: results.filter((r) => r.status === 'passed').length,
    failed: failed.length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    total: results.length,
    report,
  };
}
