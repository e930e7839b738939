import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { browserRequired, chromiumMissingReason, runSuiteInChromium, summarize } from '../src/index.js';

const entry = fileURLToPath(new URL('./fixtures/page.ts', import.meta.url));
// The smallest valid module (magic and version), written here rather than committed as a binary.
const wasmDir = mkdtempSync(join(tmpdir(), 'tensile-bt-test-'));
const wasmFile = join(wasmDir, 'tiny.wasm');
afterAll(() => rmSync(wasmDir, { recursive: true, force: true }));
writeFileSync(wasmFile, new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
const assets = { '/assets/tiny.wasm': wasmFile };
const missing = chromiumMissingReason();

/** The command names of this process's live children (Linux /proc; [] elsewhere). */
function children(): string[] {
  if (process.platform !== 'linux') return [];
  const names: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // pid (comm) state ppid: comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) names.push(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
    } catch {
      // exited while we looked
    }
  }
  return names;
}

describe('browserRequired', () => {
  it('is true in CI or with TENSILE_REQUIRE_BROWSER=1, false otherwise', () => {
    expect(browserRequired({ CI: 'true' })).toBe(true);
    expect(browserRequired({ CI: '1' })).toBe(true);
    expect(browserRequired({ TENSILE_REQUIRE_BROWSER: '1' })).toBe(true);
    expect(browserRequired({ CI: 'false' })).toBe(false);
    expect(browserRequired({})).toBe(false);
  });
});

describe('runSuiteInChromium without chromium', () => {
  it('names the apt package to install', async () => {
    await expect(runSuiteInChromium({ entry, crossOriginIsolated: false, executablePath: '/nonexistent/chromium' })).rejects.toThrow(
      /Chromium not found at \/nonexistent\/chromium.*apt-get install -y chromium/,
    );
  });
});

// Outside CI a machine without chromium skips these, and the name says why; in CI they fail.
describe.skipIf(missing !== null && !browserRequired())(`runSuiteInChromium${missing === null ? '' : ` (skipped: ${missing})`}`, () => {
  it('reports each outcome, and isolation only when asked', async () => {
    const plain = await runSuiteInChromium({ entry, assets, crossOriginIsolated: false, query: { x: '1' }, timeoutMs: 30_000 });
    expect(plain.results.map((r) => r.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(plain.results[1].error).toContain('expected failure');
    expect(plain.info).toMatchObject({ crossOriginIsolated: false, sharedArrayBuffer: false, query: '?x=1', wasmType: 'application/wasm' });
    const s = summarize(plain.results);
    expect([s.passed, s.failed, s.skipped, s.total]).toEqual([1, 1, 1, 3]);
    expect(s.report).toContain('g/fails');

    const isolated = await runSuiteInChromium({ entry, assets, crossOriginIsolated: true, timeoutMs: 30_000 });
    expect(isolated.info).toMatchObject({ crossOriginIsolated: true, sharedArrayBuffer: true });
    // Neither the browser nor esbuild's service outlives a run (a bench measuring after it
    // counts live children as other load).
    expect(children().filter((n) => /esbuild|chrom/i.test(n))).toEqual([]);
  });

  it('fails with the reported progress when the page never finishes', async () => {
    const hang = fileURLToPath(new URL('./fixtures/hang.ts', import.meta.url));
    await expect(runSuiteInChromium({ entry: hang, crossOriginIsolated: false, timeoutMs: 3_000 })).rejects.toThrow(
      /did not finish within 3000 ms: 1 case\(s\) reported, the last g\/first \(passed\)/,
    );
  });
});
