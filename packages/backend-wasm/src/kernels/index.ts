import type { KernelTable } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { activationGrad } from './activationGrad.js';
import { applyAdam } from './applyAdam.js';
import { applySgd } from './applySgd.js';
import { avgPool } from './avgPool.js';
import { avgPoolGrad } from './avgPoolGrad.js';
import { fusedAvgPoolGrad } from './fusedAvgPoolGrad.js';
import { binary } from './binary.js';
import { cast } from './cast.js';
import { concat } from './concat.js';
import { conv2d } from './conv2d.js';
import { conv2dBackpropFilter } from './conv2dBackpropFilter.js';
import { conv2dBackpropInput } from './conv2dBackpropInput.js';
import { fill } from './fill.js';
import { fusedConv2d } from './fusedConv2d.js';
import { fusedMatMul } from './fusedMatMul.js';
import { fusedPoolBiasGrad } from './fusedPoolBiasGrad.js';
import { categoricalCrossentropy } from './categoricalCrossentropy.js';
import { categoricalCrossentropyGrad } from './categoricalCrossentropyGrad.js';
import { fusedPoolConv2dBackpropFilter } from './fusedPoolConv2dBackpropFilter.js';
import { gather } from './gather.js';
import { logSoftmax } from './logSoftmax.js';
import { matMul } from './matMul.js';
import { maxPool } from './maxPool.js';
import { maxPoolGrad } from './maxPoolGrad.js';
import { oneHot } from './oneHot.js';
import { pad } from './pad.js';
import { randomNormal } from './randomNormal.js';
import { randomUniform } from './randomUniform.js';
import { reduce } from './reduce.js';
import { select } from './select.js';
import { slice } from './slice.js';
import { softmax } from './softmax.js';
import { transpose } from './transpose.js';
import { unary } from './unary.js';

/** Every kernel, required and optional; the compiler checks each against core's signatures. */
export const wasmKernels = {
  unary,
  binary,
  cast,
  select,
  fill,
  reduce,
  matMul,
  fusedMatMul,
  conv2d,
  fusedConv2d,
  conv2dBackpropInput,
  conv2dBackpropFilter,
  activationGrad,
  maxPool,
  avgPool,
  maxPoolGrad,
  avgPoolGrad,
  fusedAvgPoolGrad,
  fusedPoolConv2dBackpropFilter,
  fusedPoolBiasGrad,
  categoricalCrossentropy,
  categoricalCrossentropyGrad,
  softmax,
  logSoftmax,
  transpose,
  slice,
  concat,
  pad,
  gather,
  oneHot,
  randomUniform,
  randomNormal,
  applySgd,
  applyAdam,
} satisfies KernelTable<WasmBackend>;
