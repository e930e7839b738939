/**
 * How much work each share of a split kernel must carry, per kind of kernel; below it a kernel
 * runs on the calling thread alone.
 *
 * A share only has to pay for being handed out, not for a wake-up: the caller never waits for a
 * worker that has not started a share (it claims them itself), and a worker spins for a while
 * after each kernel, so through a training step it starts a share within microseconds. These
 * are an eighth of the sizes that would pay for waking a sleeping worker (tens of microseconds,
 * docs/toolchain.md). LeNet-5's training step, switched every other step in one process, ran
 * faster with an eighth than with the wake-up sizes, compiled and eager, and than with a quarter,
 * a sixteenth or a thirty-second, compiled.
 *
 * They depend only on shapes, never on timing, so a kernel splits the same way every time and
 * kernels that add per-share partial sums (filter gradients, bias sums) give the same bits.
 */

/** Elementwise kernels (unary, binary, activationGrad): elements. */
export const MIN_ELEMENTS_PER_THREAD = 4096;
/** GEMM and convolutions: multiply-adds times 2. */
export const MIN_FLOPS_PER_THREAD = 5e5;
/** Pooling and its gradients: window elements read. */
export const MIN_WINDOW_READS_PER_THREAD = 1 << 15;
/** Reductions: elements reduced. */
export const MIN_REDUCED_PER_THREAD = 8192;
/** Optimizer updates (sgd, adam): variable elements. Fewer than the elementwise kernels' as an
 *  update's square root and divide cost several of their elements (LeNet's F6 kernel, 10,080
 *  elements, ran on one thread at 8192). */
export const MIN_UPDATES_PER_THREAD = 2048;
/** Softmax: row elements. */
export const MIN_SOFTMAX_ELEMENTS_PER_THREAD = 2048;
/** Pad: output rows (they are short). */
export const MIN_PAD_ROWS_PER_THREAD = 512;
