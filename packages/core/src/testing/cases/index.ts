/** Every case of the suite, in the order they run: kernels, then gradients, errors, memory. */
import type { CaseDef } from '../harness.js';
import { activationGradCases } from './activationGrad.cases.js';
import { applyAdamCases } from './applyAdam.cases.js';
import { applySgdCases } from './applySgd.cases.js';
import { avgPoolCases } from './avgPool.cases.js';
import { avgPoolGradCases } from './avgPoolGrad.cases.js';
import { binaryCases } from './binary.cases.js';
import { castCases } from './cast.cases.js';
import { concatCases } from './concat.cases.js';
import { conv2dCases } from './conv2d.cases.js';
import { conv2dBackpropFilterCases } from './conv2dBackpropFilter.cases.js';
import { conv2dBackpropInputCases } from './conv2dBackpropInput.cases.js';
import { errorsCases } from './errors.cases.js';
import { fillCases } from './fill.cases.js';
import { fusedConv2dCases } from './fusedConv2d.cases.js';
import { fusedMatMulCases } from './fusedMatMul.cases.js';
import { gatherCases } from './gather.cases.js';
import { gradElementwiseCases } from './grad-elementwise.cases.js';
import { gradLayoutCases } from './grad-layout.cases.js';
import { gradNnCases } from './grad-nn.cases.js';
import { logSoftmaxCases } from './logSoftmax.cases.js';
import { matMulCases } from './matMul.cases.js';
import { maxPoolCases } from './maxPool.cases.js';
import { maxPoolGradCases } from './maxPoolGrad.cases.js';
import { memoryCases } from './memory.cases.js';
import { oneHotCases } from './oneHot.cases.js';
import { padCases } from './pad.cases.js';
import { randomNormalCases } from './randomNormal.cases.js';
import { randomUniformCases } from './randomUniform.cases.js';
import { reduceCases } from './reduce.cases.js';
import { selectCases } from './select.cases.js';
import { sliceCases } from './slice.cases.js';
import { softmaxCases } from './softmax.cases.js';
import { transposeCases } from './transpose.cases.js';
import { unaryCases } from './unary.cases.js';

export const ALL_CASES: readonly CaseDef[] = [
  ...memoryCases,
  ...unaryCases, ...binaryCases, ...castCases, ...selectCases, ...fillCases, ...reduceCases,
  ...matMulCases, ...fusedMatMulCases,
  ...conv2dCases, ...conv2dBackpropInputCases, ...conv2dBackpropFilterCases, ...fusedConv2dCases,
  ...activationGradCases,
  ...maxPoolCases, ...avgPoolCases, ...maxPoolGradCases, ...avgPoolGradCases,
  ...softmaxCases, ...logSoftmaxCases,
  ...transposeCases, ...sliceCases, ...concatCases, ...padCases, ...gatherCases, ...oneHotCases,
  ...randomUniformCases, ...randomNormalCases,
  ...applySgdCases, ...applyAdamCases,
  ...gradElementwiseCases, ...gradNnCases, ...gradLayoutCases,
  ...errorsCases,
];

/** Case ids must be unique: they are what a backend's `skip` names. */
const ids = new Set<string>();
for (const c of ALL_CASES) {
  const id = `${c.group}/${c.name}`;
  if (ids.has(id)) throw new Error(`conformance: duplicate case id '${id}'`);
  ids.add(id);
}
