/**
 * The benchmark's table (terminal and Markdown) and docs/benchmarks.md. Pure functions of the
 * results, so the ratios and formatting are unit-tested without running anything.
 */
import type { BenchResult } from './bench-measure.js';

/** Which peers each Tensile backend is compared with: the same kind of device. */
export const PEERS: Record<string, readonly string[]> = {
  'tensile-cpu': ['tfjs-cpu', 'pytorch-cpu'],
  'tensile-wasm': ['tfjs-wasm', 'pytorch-cpu'],
  'tensile-wasm-compiled': ['tfjs-wasm', 'pytorch-cpu'],
  'tensile-webgpu': ['tfjs-webgpu'],
  'tensile-webgpu-compiled': ['tfjs-webgpu'],
  'tensile-webgl': [],
  'tensile-cuda': [],
  'chromium-tensile-webgl': ['chromium-tfjs-webgl'],
};

const LABELS: Record<string, string> = {
  'tensile-cpu': 'Tensile cpu',
  'tensile-wasm': 'Tensile wasm',
  'tensile-wasm-compiled': 'Tensile wasm compiled',
  'tensile-webgpu': 'Tensile webgpu',
  'tensile-webgpu-compiled': 'Tensile webgpu compiled',
  'tensile-webgl': 'Tensile webgl',
  'tensile-cuda': 'Tensile cuda',
  'tfjs-cpu': 'TF.js 4.22 cpu',
  'tfjs-wasm': 'TF.js 4.22 wasm',
  'tfjs-webgpu': 'TF.js 4.22 webgpu',
  'pytorch-cpu': 'PyTorch CPU',
  'chromium-tensile-webgl': 'Tensile webgl (Chromium)',
  'chromium-tfjs-webgl': 'TF.js 4.22 webgl (Chromium)',
};

export function label(id: string): string {
  return LABELS[id] ?? id;
}

export function formatRate(r: BenchResult): string {
  if (r.status === 'ok' && r.samplesPerSec !== undefined) {
    const v = r.samplesPerSec;
    return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1);
  }
  if (r.status === 'cannot-train') return 'cannot train';
  if (r.status === 'unavailable') return 'unavailable';
  return 'failed';
}

/** The backends of the second table, measured at every batch size of `--batch-sizes`. */
export const BATCH_TABLE_IDS = ['tensile-wasm', 'tensile-wasm-compiled', 'pytorch-cpu'] as const;

/** "1.52× TF.js 4.22 cpu" for each peer that trained; says so where the peer could not. */
export function ratios(r: BenchResult, all: readonly BenchResult[]): string {
  if (r.status !== 'ok' || r.samplesPerSec === undefined) return '';
  const parts: string[] = [];
  for (const peerId of PEERS[r.id] ?? []) {
    const peer = all.find((p) => p.id === peerId);
    if (!peer) continue;
    if (peer.status === 'ok' && peer.samplesPerSec) {
      parts.push(`${formatRatio(r.samplesPerSec / peer.samplesPerSec)} ${label(peerId)}`);
    } else {
      parts.push(`${label(peerId)}: ${formatRate(peer)}`);
    }
  }
  return parts.join('; ');
}

export function formatRatio(x: number): string {
  // From 0.995 up, toPrecision(2) would round to '1.0' where the ratios above 1 show two decimals.
  return `${x >= 9.995 ? x.toFixed(0) : x >= 0.995 ? x.toFixed(2) : x.toPrecision(2)}×`;
}

function notes(r: BenchResult): string {
  const bits: string[] = [];
  if (r.status === 'ok' && r.measuredSteps !== undefined) {
    const mean = r.meanSamplesPerSec === undefined ? '' : `, mean ${formatRate({ ...r, samplesPerSec: r.meanSamplesPerSec })} samples/s`;
    bits.push(`${r.measuredSteps} steps after ${r.warmupSteps} warm-up${mean}`);
  }
  if (r.detail) bits.push(r.detail);
  if (r.error) bits.push(r.error);
  // The bench waits for the CPUs to go quiet before each child; say where they never did.
  if (r.busyCoresBefore !== undefined && r.busyCoresBefore >= 0.25)
    bits.push(`${r.busyCoresBefore.toFixed(1)} cores busy elsewhere at its start`);
  if (r.siblings) bits.push(`${r.siblings} other bench process${r.siblings > 1 ? 'es' : ''} alive while it measured`);
  return bits.join('; ');
}

export interface Row {
  readonly backend: string;
  readonly samplesPerSec: string;
  readonly msPerStep: string;
  readonly ratio: string;
  readonly notes: string;
}

export function rows(results: readonly BenchResult[]): Row[] {
  const seen = new Map<string, number>();
  return results.map((r) => {
    // An id given twice in --backends is measured twice: number the later runs.
    const n = (seen.get(r.id) ?? 0) + 1;
    seen.set(r.id, n);
    return row(r, n, results);
  });
}

function row(r: BenchResult, n: number, results: readonly BenchResult[]): Row {
  return {
    backend: n > 1 ? `${label(r.id)} (run ${n})` : label(r.id),
    samplesPerSec: formatRate(r),
    msPerStep: r.status === 'ok' && r.msPerStep !== undefined ? r.msPerStep.toFixed(r.msPerStep >= 100 ? 0 : 1) : '',
    ratio: ratios(r, results),
    notes: notes(r),
  };
}

const HEADERS: Row = {
  backend: 'backend',
  samplesPerSec: 'samples/s',
  msPerStep: 'ms/step',
  ratio: 'vs peer (same device kind)',
  notes: 'notes',
};
const KEYS = ['backend', 'samplesPerSec', 'msPerStep', 'ratio', 'notes'] as const;

/** Aligned plain-text table for the terminal (notes left out: they go to the Markdown). */
export function textTable(results: readonly BenchResult[]): string {
  const all = [HEADERS, ...rows(results)];
  const keys = KEYS.slice(0, 4);
  const widths = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
  const line = (r: Row) =>
    keys
      .map((k, i) => (i === 1 || i === 2 ? r[k].padStart(widths[i]) : r[k].padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

export function markdownTable(results: readonly BenchResult[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = [
    `| ${KEYS.map((k) => HEADERS[k]).join(' | ')} |`,
    '| --- | ---: | ---: | --- | --- |',
    ...rows(results).map((r) => `| ${KEYS.map((k) => esc(r[k])).join(' | ')} |`),
  ];
  return out.join('\n');
}

/**
 * The second table: one row per batch size, Tensile wasm eager and compiled against PyTorch CPU.
 * The first result of each (backend, batch size) counts; a cell says why where one did not train.
 */
export function batchRows(results: readonly BenchResult[]): string[][] {
  const sizes = [...new Set(results.map((r) => r.batchSize).filter((b): b is number => b !== undefined))].sort((a, b) => a - b);
  const at = (id: string, b: number) => results.find((r) => r.id === id && r.batchSize === b);
  return sizes.map((b) => {
    const [eager, compiled, torch] = BATCH_TABLE_IDS.map((id) => at(id, b));
    const cell = (r: BenchResult | undefined) => (r ? formatRate(r) : '');
    const ratio = (r: BenchResult | undefined) =>
      r?.status === 'ok' && r.samplesPerSec && torch?.status === 'ok' && torch.samplesPerSec
        ? formatRatio(r.samplesPerSec / torch.samplesPerSec)
        : '';
    return [String(b), cell(eager), cell(compiled), cell(torch), ratio(eager), ratio(compiled)];
  });
}

const BATCH_HEADERS = [
  'batch size',
  'Tensile wasm samples/s',
  'Tensile wasm compiled samples/s',
  'PyTorch CPU samples/s',
  'wasm / PyTorch',
  'compiled / PyTorch',
];

export function batchMarkdownTable(results: readonly BenchResult[]): string {
  return [
    `| ${BATCH_HEADERS.join(' | ')} |`,
    `| ${BATCH_HEADERS.map(() => '---:').join(' | ')} |`,
    ...batchRows(results).map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export function batchTextTable(results: readonly BenchResult[]): string {
  const all = [BATCH_HEADERS, ...batchRows(results)];
  const widths = BATCH_HEADERS.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: readonly string[]) => r.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

export interface ReportContext {
  readonly date: string;
  readonly machine: string;
  readonly command: string;
  readonly method: string;
  /** The second table's results (Tensile wasm eager and compiled, PyTorch CPU at several batch sizes). */
  readonly batch?: readonly BenchResult[];
}

export function markdownReport(results: readonly BenchResult[], ctx: ReportContext): string {
  return `# Benchmarks

Written by \`npm run bench\` (apps/mnist/src/bench.ts); rerun it to refresh this file.

- **Date**: ${ctx.date}
- **Machine**: ${ctx.machine}
- **Command**: \`${ctx.command}\`

## LeNet-5 training throughput (batch 128)

${markdownTable(results)}
${
  ctx.batch?.length
    ? `
## LeNet-5 training throughput by batch size (Tensile wasm and PyTorch CPU)

${batchMarkdownTable(ctx.batch)}
`
    : ''
}
## Method

${ctx.method}
`;
}
