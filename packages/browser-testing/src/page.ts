/**
 * The page side: runs a list of cases in order and reports each result to the Node side that
 * opened the page (see runSuiteInChromium). Also leaves `window.__results` and `window.__done`
 * for anyone debugging the page by hand in a normal browser.
 */
import { REPORT_CASE, REPORT_DONE, REPORT_INFO, type CaseResult, type PageCase, type PageInfo } from './protocol.js';

export type { CaseResult, CaseStatus, PageCase, PageInfo } from './protocol.js';

type Reporter = (value: unknown) => Promise<void>;

declare global {
  interface Window {
    __results?: CaseResult[];
    __info?: Record<string, unknown>;
    __done?: boolean;
  }
}

function reporter(name: string): Reporter | null {
  const f: unknown = Reflect.get(window, name);
  return typeof f === 'function' ? (value) => Promise.resolve(f(value)) : null;
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack?.includes(err.message) ? err.stack : `${err.message}\n${err.stack ?? ''}`;
  return String(err);
}

/** Adds facts for the test to check; call before or while the cases run. */
export async function reportInfo(info: PageInfo): Promise<void> {
  window.__info = { ...window.__info, ...info };
  await reporter(REPORT_INFO)?.(info);
}

/** Records a result that is not one of the cases (a failed start-up, say) and reports it. */
async function record(result: CaseResult): Promise<void> {
  (window.__results ??= []).push(result);
  await reporter(REPORT_CASE)?.(result);
}

/**
 * Runs every case in order (a failure does not stop the run: later cases still report), then
 * signals done. `before` and `after` run around the cases; an error there is reported as a
 * failed case of group 'page', so a broken page never passes by running nothing.
 */
export async function runCases(
  cases: () => readonly PageCase[] | Promise<readonly PageCase[]>,
  hooks: { beforeLast?: () => Promise<void> | void } = {},
): Promise<void> {
  window.__results = [];
  try {
    const list = await cases();
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      // The hook sees the backend before the last case (the suite's teardown) disposes it.
      if (i === list.length - 1 && hooks.beforeLast) await hooks.beforeLast();
      const t0 = performance.now();
      if (c.skipped) {
        await record({ group: c.group, name: c.name, status: 'skipped', ms: 0 });
        continue;
      }
      try {
        await c.run();
        await record({ group: c.group, name: c.name, status: 'passed', ms: performance.now() - t0 });
      } catch (err) {
        await record({ group: c.group, name: c.name, status: 'failed', error: describeError(err), ms: performance.now() - t0 });
      }
    }
  } catch (err) {
    await record({ group: 'page', name: 'set up the cases', status: 'failed', error: describeError(err), ms: 0 });
  } finally {
    window.__done = true;
    await reporter(REPORT_DONE)?.(null);
  }
}
