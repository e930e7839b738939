/**
 * A pool of workers sharing the module's memory. `run` splits a kernel's units over the pool,
 * runs the first share on the calling thread, and returns when every share is done, so kernels
 * stay synchronous (and `readSync` works) whatever the thread count.
 */
import { BackendError } from '@tensile/core';
import { isNode } from '../loader.js';
import {
  CTRL_INTS,
  DONE,
  ERROR,
  FN,
  GEN,
  MAX_SHARES,
  MAX_THREADS,
  NEXT,
  PARAMS,
  RANGES,
  SHARES,
  SPIN_POLLS,
  STOP,
  WORKER_SHARES,
  claim,
} from './protocol.js';
import { shareEnds } from './share-bounds.js';
import { WORKER_SOURCE } from './worker-source.js';

/**
 * Every parallel kernel's signature: parameter block, unit range, share index. A share runs
 * exactly once, on whichever thread claims it; per-share scratch and partial sums are indexed
 * by the share, never by the thread.
 */
export type ParallelKernel = (params: number, begin: number, end: number, tid: number) => void;

interface WorkerHandle {
  terminate(): unknown;
}

interface StartData {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly names: readonly string[];
}

/** Whether this thread may block in Atomics.wait (browsers forbid it on the main thread). */
function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

async function spawn(data: object): Promise<WorkerHandle> {
  if (isNode()) {
    const name = 'node:worker_threads';
    const wt: typeof import('node:worker_threads') = await import(/* @vite-ignore */ name);
    const worker = new wt.Worker(WORKER_SOURCE, { eval: true });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.postMessage(data);
    });
    worker.on('message', (m: { error?: string }) => {
      if (m.error !== undefined) console.error(`@tensile/backend-wasm worker: ${m.error}`);
    });
    // Idle workers sleep in Atomics.wait; they must not keep the process alive.
    worker.unref();
    return worker;
  }
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const worker = new Worker(url);
  await new Promise<void>((resolve, reject) => {
    worker.onmessage = () => resolve();
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage(data);
  });
  worker.onmessage = (e: MessageEvent<{ error?: string }>) => {
    if (e.data.error !== undefined) console.error(`@tensile/backend-wasm worker: ${e.data.error}`);
  };
  URL.revokeObjectURL(url);
  return worker;
}

export class ThreadPool {
  private readonly ctrl: Int32Array;
  private readonly blocking = canBlock();
  private tag = 0;
  private readonly ends = new Int32Array(MAX_SHARES);

  private constructor(
    ctrl: SharedArrayBuffer,
    private readonly workers: WorkerHandle[],
  ) {
    this.ctrl = new Int32Array(ctrl);
  }

  /** Shares the workers (not the caller) have run since the pool started. */
  get workerShares(): number {
    return Atomics.load(this.ctrl, WORKER_SHARES);
  }

  /** Threads including the caller. */
  get size(): number {
    return this.workers.length + 1;
  }

  static async start(data: StartData, threads: number): Promise<ThreadPool> {
    const n = Math.min(MAX_THREADS, threads) - 1;
    const sab = new SharedArrayBuffer(CTRL_INTS * 4);
    const workers = await Promise.all(Array.from({ length: n }, () => spawn({ ...data, ctrl: sab })));
    return new ThreadPool(sab, workers);
  }

  /**
   * Runs `kernel` over units [0, total) in `shares` contiguous shares that shrink toward the end
   * (share-bounds.ts; 2 <= shares <= MAX_SHARES). The caller claims shares like any worker, so
   * it never waits on a worker that has not started one.
   */
  run(fnIndex: number, kernel: ParallelKernel, params: number, total: number, shares: number): void {
    const ctrl = this.ctrl;
    // Close the claim word under the new tag first, so that a worker still looking at the last
    // job can claim nothing while the new job's fields are written; then open it.
    this.tag = (this.tag + 1) & 0xffffff;
    Atomics.store(ctrl, NEXT, (this.tag << 8) | 255);
    const ends = this.ends;
    shareEnds(total, shares, this.size, ends);
    for (let s = 0; s < shares; s++) {
      ctrl[RANGES + 2 * s] = s === 0 ? 0 : ends[s - 1];
      ctrl[RANGES + 2 * s + 1] = ends[s];
    }
    ctrl[FN] = fnIndex;
    ctrl[PARAMS] = params;
    ctrl[SHARES] = shares;
    Atomics.store(ctrl, DONE, 0);
    Atomics.store(ctrl, NEXT, this.tag << 8);
    Atomics.add(ctrl, GEN, 1);
    Atomics.notify(ctrl, GEN);
    let failure: unknown = null;
    for (let s = claim(ctrl, this.tag); s >= 0; s = claim(ctrl, this.tag)) {
      try {
        kernel(params, ctrl[RANGES + 2 * s], ctrl[RANGES + 2 * s + 1], s);
      } catch (err) {
        failure ??= err;
      }
      Atomics.add(ctrl, DONE, 1);
    }
    this.join(shares);
    if (failure !== null) throw failure;
    if (Atomics.load(ctrl, ERROR) !== 0) {
      Atomics.store(ctrl, ERROR, 0);
      throw new BackendError('wasm: a worker thread failed while running a kernel (see the error logged above)');
    }
  }

  private join(shares: number): void {
    const ctrl = this.ctrl;
    let polls = 0;
    for (;;) {
      const done = Atomics.load(ctrl, DONE);
      if (done === shares) return;
      if (++polls > SPIN_POLLS && this.blocking) Atomics.wait(ctrl, DONE, done, 1);
    }
  }

  dispose(): void {
    Atomics.store(this.ctrl, STOP, 1);
    Atomics.add(this.ctrl, GEN, 1);
    Atomics.notify(this.ctrl, GEN);
    for (const w of this.workers) w.terminate();
    this.workers.length = 0;
  }
}
