import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../src/bench-measure.js';
import { measureSteps } from '../src/bench-measure.js';
import { batchMarkdownTable, batchRows, formatRatio, markdownReport, markdownTable, ratios, rows, textTable } from '../src/bench-report.js';

const results: BenchResult[] = [
  { id: 'tensile-cpu', status: 'ok', samplesPerSec: 700, msPerStep: 182.9, warmupSteps: 3, measuredSteps: 20, batchSize: 128 },
  { id: 'tensile-wasm', status: 'ok', samplesPerSec: 8400, msPerStep: 15.2, warmupSteps: 3, measuredSteps: 200, batchSize: 128 },
  { id: 'tensile-webgpu', status: 'unavailable', error: 'no adapter' },
  { id: 'tfjs-cpu', status: 'ok', samplesPerSec: 7, msPerStep: 18285, warmupSteps: 2, measuredSteps: 2, batchSize: 128 },
  { id: 'tfjs-wasm', status: 'cannot-train', error: "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'" },
  { id: 'tfjs-webgpu', status: 'ok', samplesPerSec: 92, msPerStep: 1391, warmupSteps: 3, measuredSteps: 8, batchSize: 128 },
  { id: 'pytorch-cpu', status: 'ok', samplesPerSec: 5600, msPerStep: 22.9, warmupSteps: 3, measuredSteps: 200, batchSize: 128 },
];

describe('bench report', () => {
  it('compares each Tensile backend with the peers on the same kind of device', () => {
    expect(ratios(results[0], results)).toBe('100× TF.js 4.22 cpu; 0.13× PyTorch CPU');
    expect(ratios(results[1], results)).toBe('TF.js 4.22 wasm: cannot train; 1.50× PyTorch CPU');
    expect(ratios(results[2], results)).toBe('');
    expect(ratios(results[6], results)).toBe('');
    // The compiled webgpu row is compared with TF.js webgpu, as the eager one.
    const compiled: BenchResult = { id: 'tensile-webgpu-compiled', status: 'ok', samplesPerSec: 920, batchSize: 128 };
    expect(ratios(compiled, [...results, compiled])).toBe('10× TF.js 4.22 webgpu');
  });

  it('formats ratios with two decimals from 1 to 10, two significant digits below', () => {
    expect([0.0571, 0.994, 0.9996, 1.5, 9.994, 9.996, 60.4].map(formatRatio)).toEqual([
      '0.057×',
      '0.99×',
      '1.00×',
      '1.50×',
      '9.99×',
      '10×',
      '60×',
    ]);
  });

  it('prints a text table and a Markdown table with every backend', () => {
    const text = textTable(results);
    expect(text.split('\n')).toHaveLength(results.length + 2);
    expect(text).toMatch(/Tensile wasm\s+8,400\s+15\.2\s+TF\.js 4\.22 wasm: cannot train; 1\.50× PyTorch CPU/);
    const md = markdownTable(results);
    expect(md.split('\n')[1]).toBe('| --- | ---: | ---: | --- | --- |');
    expect(md).toContain("| TF.js 4.22 wasm | cannot train |  |  | Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm' |");
    const report = markdownReport(results, { date: '2026-11-28', machine: 'test box', command: 'npm run bench', method: 'M.' });
    expect(report).toContain('- **Machine**: test box');
    expect(report).toContain('## Method\n\nM.');
  });

  it('the batch table puts Tensile wasm eager and compiled beside PyTorch at each batch size', () => {
    const at = (id: string, batchSize: number, samplesPerSec: number): BenchResult => ({ id, status: 'ok', samplesPerSec, batchSize });
    const batch: BenchResult[] = [
      at('tensile-wasm', 128, 12000),
      at('pytorch-cpu', 128, 8000),
      at('tensile-wasm-compiled', 128, 16000),
      at('tensile-wasm', 32, 3000),
      { id: 'tensile-wasm-compiled', status: 'failed', error: 'boom', batchSize: 32 },
      at('pytorch-cpu', 32, 6000),
      // A second run of the same backend and size does not replace the first.
      at('tensile-wasm', 128, 1),
    ];
    expect(batchRows(batch)).toEqual([
      ['32', '3,000', 'failed', '6,000', '0.50×', ''],
      ['128', '12,000', '16,000', '8,000', '1.50×', '2.00×'],
    ]);
    const md = batchMarkdownTable(batch).split('\n');
    expect(md[0]).toBe(
      '| batch size | Tensile wasm samples/s | Tensile wasm compiled samples/s | PyTorch CPU samples/s | wasm / PyTorch | compiled / PyTorch |',
    );
    expect(md[3]).toBe('| 128 | 12,000 | 16,000 | 8,000 | 1.50× | 2.00× |');
    const report = markdownReport(results, { date: 'd', machine: 'm', command: 'c', method: 'M.', batch });
    expect(report).toContain('## LeNet-5 training throughput by batch size');
    expect(markdownReport(results, { date: 'd', machine: 'm', command: 'c', method: 'M.' })).not.toContain('by batch size');
  });

  it('numbers a backend measured twice and says where the machine was busy or a sibling was alive', () => {
    const r = rows([
      { id: 'tensile-wasm', status: 'ok', samplesPerSec: 100, busyCoresBefore: 0.1 },
      { id: 'tensile-cpu', status: 'ok', samplesPerSec: 10 },
      { id: 'tensile-wasm', status: 'ok', samplesPerSec: 90, busyCoresBefore: 1.26, siblings: 1 },
    ]);
    expect(r.map((x) => x.backend)).toEqual(['Tensile wasm', 'Tensile cpu', 'Tensile wasm (run 2)']);
    expect(r[0].notes).toBe('');
    expect(r[2].notes).toBe('1.3 cores busy elsewhere at its start; 1 other bench process alive while it measured');
  });

  it('measureSteps warms up, then measures within the step budget', async () => {
    let calls = 0;
    const m = await measureSteps(async () => void calls++, {
      batchSize: 128,
      maxSteps: 5,
      seconds: 100,
      warmupSteps: 3,
      warmupSeconds: 0,
      minSteps: 2,
      slowStepMs: 1e9,
    });
    expect(m.warmupSteps).toBe(3);
    expect(m.measuredFrom).toBeLessThanOrEqual(m.measuredTo);
    expect(m.measuredSteps).toBe(5);
    expect(calls).toBe(8);
    expect(m.samplesPerSec).toBeGreaterThan(0);
  });
});
