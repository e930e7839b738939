/**
 * Paces reads where the profile says so (`paceReads`: software adapters in Node). While a `mapAsync` is pending, Dawn's Node binding
 * keeps the JS thread busy waiting for its completion, and on a small machine that thread takes a
 * core from the CPU rasterizer that is running the work: LeNet's training step on 2-core
 * llvmpipe is faster sleeping first than mapping at the submit (the package README has the
 * numbers). So a read first sleeps for most of what the last read after the same dispatches took
 * (a training step's are the same every step; see `note`), then maps.
 */

/** Part of the last duration slept away: the rest waits in `mapAsync`, so a batch that got
 *  faster costs at most this part of its old time. */
const SLEEP_SHARE = 0.8;
/** Sleeps shorter than this are not worth a timer. */
const MIN_SLEEP_MS = 4;
/** A map that resolves within this of the sleep's end means the sleep overshot: the next one
 *  halves instead of trusting the inflated duration. */
const OVERSHOT_MS = 1;
const MAX_KEYS = 64;

export class ReadPacer {
  private readonly last = new Map<number, number>();
  private key = 0;
  private slept = 0;

  /** Folds a dispatch (its pipeline key and grid) into the key of the next read. */
  note(pipelineKey: string, groups: readonly number[]): void {
    let h = this.key;
    for (let i = 0; i < pipelineKey.length; i++) h = (Math.imul(h, 31) + pipelineKey.charCodeAt(i)) | 0;
    for (const g of groups) h = (Math.imul(h, 31) + g) | 0;
    this.key = h;
  }

  /** Sleeps before a read; returns its start time. */
  async before(): Promise<number> {
    const start = performance.now();
    const ms = (this.last.get(this.key) ?? 0) * SLEEP_SHARE;
    this.slept = 0;
    if (ms >= MIN_SLEEP_MS) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      this.slept = performance.now() - start;
    }
    return start;
  }

  /** Records how long the read took from `start`, and starts the next read's key. */
  after(start: number): void {
    const took = performance.now() - start;
    if (this.last.size >= MAX_KEYS && !this.last.has(this.key)) this.last.clear();
    this.last.set(this.key, this.slept > 0 && took - this.slept < OVERSHOT_MS ? this.slept / 2 : took);
    this.key = 0;
  }
}
