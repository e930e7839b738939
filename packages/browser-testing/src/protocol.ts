/**
 * What a page reports back to Node. Shared by the page side (page.ts) and the Node side
 * (index.ts); types only, so the page bundle carries nothing from Node.
 */

export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface CaseResult {
  readonly group: string;
  readonly name: string;
  readonly status: CaseStatus;
  /** Message and stack of a failed case. */
  readonly error?: string;
  readonly ms: number;
}

/** A case as the conformance suite's `conformanceCases()` gives it; any such list works. */
export interface PageCase {
  readonly group: string;
  readonly name: string;
  readonly skipped?: boolean;
  run(): Promise<void> | void;
}

/** JSON-safe facts the page wants the test to check (build, thread count, isolation, ...). */
export type PageInfo = Readonly<Record<string, unknown>>;

/**
 * Functions the Node side exposes on `window` (Playwright's exposeFunction). Results stream
 * case by case, so a page that hangs mid-suite (a deadlocked worker pool, say) still reports
 * everything up to the case that hung.
 */
export const REPORT_CASE = '__tensileReportCase';
export const REPORT_INFO = '__tensileReportInfo';
export const REPORT_DONE = '__tensileReportDone';
