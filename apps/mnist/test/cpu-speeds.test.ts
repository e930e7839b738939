/**
 * The bench's per-CPU speed probe (src/cpu-speeds.ts) and how the report shows it.
 */
import { cpus } from 'node:os';
import { describe, expect, it } from 'vitest';
import { rows } from '../src/bench-report.js';
import { cpuSpeeds, unevenCpus } from '../src/cpu-speeds.js';

describe('cpuSpeeds', () => {
  it.runIf(process.platform === 'linux')('times every CPU, each as a fraction of the fastest (Linux, taskset)', async () => {
    const speeds = await cpuSpeeds();
    expect(speeds).toHaveLength(cpus().length);
    const s = speeds ?? [];
    expect(Math.max(...s)).toBe(1);
    for (const x of s) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThanOrEqual(1);
    }
  });

  it('calls CPUs uneven when one ran below 90% (or the given ratio) of the fastest', () => {
    expect(unevenCpus(undefined)).toBe(false);
    expect(unevenCpus([1, 0.95])).toBe(false);
    expect(unevenCpus([0.85, 1])).toBe(true);
    expect(unevenCpus([1, 0.95], 0.96)).toBe(true);
  });

  it('the report notes a row measured while a CPU was slow, with the speeds, and is silent otherwise', () => {
    const r = rows([
      { id: 'tensile-wasm', status: 'ok', samplesPerSec: 100, cpuSpeedsBefore: [1, 0.97] },
      { id: 'pytorch-cpu', status: 'ok', samplesPerSec: 60, cpuSpeedsBefore: [1, 0.571] },
    ]);
    expect(r[0].notes).toBe('');
    expect(r[1].notes).toBe('CPU speeds 1.00 / 0.57 of the fastest at its start');
  });
});
