/** Compositions of required kernels that stand in for optional kernels a backend lacks. */
import type { DecompositionTable } from '../../kernels/op-inputs.js';
import { activationGrad } from './activation-grad.js';
import { applyAdam } from './apply-adam.js';
import { applySgd } from './apply-sgd.js';
import { fusedConv2d } from './fused-conv2d.js';
import { fusedMatMul } from './fused-mat-mul.js';

export const DECOMPOSITIONS: DecompositionTable = { fusedMatMul, fusedConv2d, activationGrad, applySgd, applyAdam };
