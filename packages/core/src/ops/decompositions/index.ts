/** Compositions of required kernels that stand in for optional kernels a backend lacks. */
import type { DecompositionTable } from '../../kernels/op-inputs.js';
import { activationGrad } from './activationGrad.js';
import { applyAdam } from './applyAdam.js';
import { applySgd } from './applySgd.js';
import { categoricalCrossentropy } from './categoricalCrossentropy.js';
import { categoricalCrossentropyGrad } from './categoricalCrossentropyGrad.js';
import { fusedAvgPoolGrad } from './fusedAvgPoolGrad.js';
import { fusedConv2d } from './fusedConv2d.js';
import { fusedMatMul } from './fusedMatMul.js';
import { fusedPoolBiasGrad } from './fusedPoolBiasGrad.js';
import { fusedPoolConv2dBackpropFilter } from './fusedPoolConv2dBackpropFilter.js';

export const DECOMPOSITIONS: DecompositionTable = {
  fusedMatMul,
  fusedConv2d,
  activationGrad,
  fusedAvgPoolGrad,
  fusedPoolConv2dBackpropFilter,
  fusedPoolBiasGrad,
  categoricalCrossentropy,
  categoricalCrossentropyGrad,
  applySgd,
  applyAdam,
};
