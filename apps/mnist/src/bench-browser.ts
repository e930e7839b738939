/**
 * The browser section of the benchmark: bench/browser/page.ts in headless Debian Chromium (the
 * flags of @tensile/browser-testing, WebGL2 on SwiftShader where there is no GPU), which measures
 * Tensile webgl and TF.js webgl one after the other in the same page and reports both.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { shortError, type BenchResult } from './bench-measure.js';

export const BROWSER_IDS = ['chromium-tensile-webgl', 'chromium-tfjs-webgl'] as const;

export async function benchInChromium(appDir: string, steps: number, seconds: number, timeoutS: number): Promise<BenchResult[]> {
  const fail = (status: BenchResult['status'], error: string): BenchResult[] => BROWSER_IDS.map((id) => ({ id, status, error }));
  const data = join(appDir, 'generated', 'web-public', 'data');
  if (!existsSync(join(data, 'manifest.json'))) return fail('unavailable', `no ${data}: run npm run build -w @tensile/mnist-app`);
  let bt: typeof import('@tensile/browser-testing');
  try {
    bt = await import('@tensile/browser-testing');
  } catch (e) {
    return fail('unavailable', `@tensile/browser-testing: ${shortError(e)}`);
  }
  const missing = bt.chromiumMissingReason();
  if (missing !== null) return fail('unavailable', missing);
  try {
    const run = await bt.runSuiteInChromium({
      entry: join(appDir, 'bench', 'browser', 'page.ts'),
      assets: { '/data/': data },
      crossOriginIsolated: true,
      query: { steps: String(steps), seconds: String(seconds) },
      timeoutMs: timeoutS * 1000,
    });
    const results = run.info.results as BenchResult[] | undefined;
    if (!Array.isArray(results)) return fail('failed', `the page reported no results; console: ${run.console.slice(-3).join(' / ')}`);
    return results;
  } catch (e) {
    return fail('failed', shortError(e, 300));
  }
}
