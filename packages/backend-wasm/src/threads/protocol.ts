/**
 * Layout of the control block (an Int32Array over its own SharedArrayBuffer) through which the
 * calling thread hands a job to the workers. A job is one exported kernel
 * `(params, begin, end, share)` over SHARES shares; any thread may claim any share, so a
 * worker that the OS has not scheduled yet (a busy machine) leaves its share to the caller
 * instead of making it wait.
 */
export const GEN = 0; // bumped once per job; idle workers wait on it
export const DONE = 1; // shares of the current job finished; the caller waits on it
export const FN = 2; // index of the kernel in the export list
export const PARAMS = 3; // address of the parameter block
export const STOP = 4; // set when the pool shuts down
export const ERROR = 5; // set by a thread whose kernel threw
export const SHARES = 6; // shares in the current job
/** (job generation << 8) | next unclaimed share: a claim is a compare-and-swap on this word, so a
 *  worker that wakes late can never claim a share of a later job. */
export const NEXT = 7;
export const WORKER_SHARES = 8; // shares the workers ran, ever (for tests and benchmarks)
export const RANGES = 16; // begin/end of share s at RANGES + 2s, RANGES + 2s + 1
export const MAX_THREADS = 64;
/** Shares in one job: the ranges' room in the control block (and under the claim word's 255). */
export const MAX_SHARES = 128;
export const CTRL_INTS = RANGES + 2 * MAX_SHARES;

/**
 * Atomics.load polls before sleeping: long enough that a worker stays awake through the
 * single-threaded stretches of a training step (the loss, the small kernels, the engine's work
 * between kernels) instead of sleeping and being woken for the next big kernel, and short enough
 * that an idle pool goes to sleep soon after the last kernel.
 */
export const SPIN_POLLS = 100_000;

/** The source of `claim`, shared by the caller and the workers' program text. */
export const CLAIM_SOURCE = `function claim(ctrl, tag) {
  for (;;) {
    const v = Atomics.load(ctrl, ${NEXT});
    if ((v >>> 8) !== tag) return -1;
    const s = v & 255;
    if (s >= ctrl[${SHARES}]) return -1;
    if (Atomics.compareExchange(ctrl, ${NEXT}, v, v + 1) === v) return s;
  }
}`;

/** Claims the next share of the job tagged `tag`, or returns -1 when none is left. */
export function claim(ctrl: Int32Array, tag: number): number {
  for (;;) {
    const v = Atomics.load(ctrl, NEXT);
    if (v >>> 8 !== tag) return -1;
    const s = v & 255;
    if (s >= ctrl[SHARES]) return -1;
    if (Atomics.compareExchange(ctrl, NEXT, v, v + 1) === v) return s;
  }
}
