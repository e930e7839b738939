/**
 * Elements per thread below which splitting an elementwise kernel (unary, binary,
 * activationGrad) over the pool costs more than it saves: a wake-up is ~20 µs (MACHINE.md).
 */
export const MIN_ELEMENTS_PER_THREAD = 32768;
