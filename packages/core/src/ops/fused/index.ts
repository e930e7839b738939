/** Fused ops (`fused.matMul`, `fused.conv2d`): one kernel for op + bias + activation. */
export { matMul, type FusedMatMulConfig } from './mat-mul.js';
export { conv2d, type FusedConv2dConfig } from './conv2d.js';
export { FUSED_ACTIVATIONS, type FusedActivation } from '../../kernels/signatures.js';
