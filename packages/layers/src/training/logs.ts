/**
 * Running sums of loss and metric values, kept on the device as one vector: each step adds its
 * batch's sums there (one small kernel), and nothing is read back until a report asks (`read`:
 * one download of a few numbers). Counts are known from shapes, so they stay in JS.
 */
import { add, keep, type Tensor } from '@tensile/core';
import type { Logs } from '../callbacks/callback.js';

export class LogAccumulator {
  private totals: Tensor | null = null;
  private readonly counts: number[];

  constructor(readonly names: readonly string[]) {
    this.counts = names.map(() => 0);
  }

  /** Adds one step's sums (a kept vector, one entry per name); takes ownership of `stats`. */
  add(stats: Tensor, counts: readonly number[]): void {
    counts.forEach((c, i) => (this.counts[i] += c));
    if (this.totals === null) {
      this.totals = stats;
      return;
    }
    const old = this.totals;
    this.totals = keep(add(old, stats));
    old.dispose();
    stats.dispose();
  }

  get empty(): boolean {
    return this.totals === null;
  }

  /** The means so far, by name (with `prefix`, e.g. 'val_'); one read back. */
  async read(prefix = ''): Promise<Logs> {
    const logs: Logs = {};
    if (this.totals === null) return logs;
    const sums = await this.totals.data();
    this.names.forEach((n, i) => {
      if (this.counts[i] > 0) logs[prefix + n] = sums[i] / this.counts[i];
    });
    return logs;
  }

  dispose(): void {
    this.totals?.dispose();
    this.totals = null;
    this.counts.fill(0);
  }
}
