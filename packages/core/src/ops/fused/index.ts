/** Fused ops (`fused.matMul`, `fused.conv2d`): one kernel for op + bias + activation. */
import type { FusedActivation as KernelActivation } from '../../kernels/signatures.js';

export { matMul, type FusedMatMulConfig } from './matMul.js';
export { conv2d, type FusedConv2dConfig } from './conv2d.js';
export { FUSED_ACTIVATIONS } from '../../kernels/signatures.js';
// An alias declared here rather than a re-export: the declaration bundler writes a type that
// `fused` re-exports from a chunk shared with `@tensile/core/testing` as a value
// (`declare const FusedActivation: typeof FusedActivation`), which consumers' tsc rejects.
/** The activations a fused kernel can apply; the same type as the top-level `FusedActivation`. */
export type FusedActivation = KernelActivation;
