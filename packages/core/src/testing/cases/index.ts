/** The suite's cases: each kernel's, the composed ops', then the gradient, error and memory cases. */
import type { KernelName } from '../../kernels/signatures.js';
import type { CaseDef } from '../harness.js';
import { activationGradCases } from './activationGrad.cases.js';
import { fusedAvgPoolGradCases } from './fusedAvgPoolGrad.cases.js';
import { fusedPoolBiasGradCases } from './fusedPoolBiasGrad.cases.js';
import { categoricalCrossentropyCases } from './categoricalCrossentropy.cases.js';
import { categoricalCrossentropyGradCases } from './categoricalCrossentropyGrad.cases.js';
import { fusedPoolConv2dBackpropFilterCases } from './fusedPoolConv2dBackpropFilter.cases.js';
import { applyAdamCases } from './applyAdam.cases.js';
import { applySgdCases } from './applySgd.cases.js';
import { avgPoolCases } from './avgPool.cases.js';
import { avgPoolGradCases } from './avgPoolGrad.cases.js';
import { binaryCases } from './binary.cases.js';
import { castCases } from './cast.cases.js';
import { compiledStepCases } from './compiled-step.cases.js';
import { concatCases } from './concat.cases.js';
import { conv2dCases } from './conv2d.cases.js';
import { conv2dBackpropFilterCases } from './conv2dBackpropFilter.cases.js';
import { conv2dBackpropInputCases } from './conv2dBackpropInput.cases.js';
import { errorsCases } from './errors.cases.js';
import { fillCases } from './fill.cases.js';
import { fusedConv2dCases } from './fusedConv2d.cases.js';
import { fusedMatMulCases } from './fusedMatMul.cases.js';
import { gatherCases } from './gather.cases.js';
import { gradBackpropCases } from './grad-backprop.cases.js';
import { gradElementwiseCases } from './grad-elementwise.cases.js';
import { gradLayoutCases } from './grad-layout.cases.js';
import { gradNnCases } from './grad-nn.cases.js';
import { logSoftmaxCases } from './logSoftmax.cases.js';
import { matMulCases } from './matMul.cases.js';
import { maxPoolCases } from './maxPool.cases.js';
import { maxPoolGradCases } from './maxPoolGrad.cases.js';
import { memoryCases } from './memory.cases.js';
import { oneHotCases } from './oneHot.cases.js';
import { OP_CASES } from './op-cases.js';
import { padCases } from './pad.cases.js';
import { randomNormalCases } from './randomNormal.cases.js';
import { randomUniformCases } from './randomUniform.cases.js';
import { reduceCases } from './reduce.cases.js';
import { selectCases } from './select.cases.js';
import { sliceCases } from './slice.cases.js';
import { softmaxCases } from './softmax.cases.js';
import { transposeCases } from './transpose.cases.js';
import { unaryCases } from './unary.cases.js';

/**
 * Each kernel's own cases, under a group named after it. The type names every kernel, so a new
 * kernel does not compile until it has an entry here; core's contract test checks that no entry
 * is empty and that each case's group is its kernel.
 */
export const KERNEL_CASES: { readonly [K in KernelName]: readonly CaseDef[] } = {
  unary: unaryCases,
  binary: binaryCases,
  cast: castCases,
  select: selectCases,
  fill: fillCases,
  reduce: reduceCases,
  matMul: matMulCases,
  fusedMatMul: fusedMatMulCases,
  conv2d: conv2dCases,
  conv2dBackpropInput: conv2dBackpropInputCases,
  conv2dBackpropFilter: conv2dBackpropFilterCases,
  fusedConv2d: fusedConv2dCases,
  activationGrad: activationGradCases,
  fusedAvgPoolGrad: fusedAvgPoolGradCases,
  fusedPoolConv2dBackpropFilter: fusedPoolConv2dBackpropFilterCases,
  fusedPoolBiasGrad: fusedPoolBiasGradCases,
  categoricalCrossentropy: categoricalCrossentropyCases,
  categoricalCrossentropyGrad: categoricalCrossentropyGradCases,
  maxPool: maxPoolCases,
  avgPool: avgPoolCases,
  maxPoolGrad: maxPoolGradCases,
  avgPoolGrad: avgPoolGradCases,
  softmax: softmaxCases,
  logSoftmax: logSoftmaxCases,
  transpose: transposeCases,
  slice: sliceCases,
  concat: concatCases,
  pad: padCases,
  gather: gatherCases,
  oneHot: oneHotCases,
  randomUniform: randomUniformCases,
  randomNormal: randomNormalCases,
  applySgd: applySgdCases,
  applyAdam: applyAdamCases,
};

/** Every case of the suite, in the order they run: memory, the compiled step, each kernel's, the
 *  composed ops', gradients, errors. */
export const ALL_CASES: readonly CaseDef[] = [
  ...memoryCases,
  ...compiledStepCases,
  ...Object.values(KERNEL_CASES).flat(),
  ...OP_CASES,
  ...gradElementwiseCases,
  ...gradNnCases,
  ...gradBackpropCases,
  ...gradLayoutCases,
  ...errorsCases,
];

/** Case ids must be unique: they are what a backend's `skip` names. */
const ids = new Set<string>();
for (const c of ALL_CASES) {
  const id = `${c.group}/${c.name}`;
  if (ids.has(id)) throw new Error(`conformance: duplicate case id '${id}'`);
  ids.add(id);
}
