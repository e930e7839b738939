/**
 * Elements per thread below which splitting an elementwise kernel (unary, binary,
 * activationGrad) over the pool costs more than it saves: waking a sleeping worker costs tens of
 * microseconds (docs/toolchain.md).
 */
export const MIN_ELEMENTS_PER_THREAD = 32768;
