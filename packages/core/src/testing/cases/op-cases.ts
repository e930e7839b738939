/**
 * Cases of the ops built from other kernels (no kernel of their own): each op's forward values
 * against a reference in ../reference, and its gradients where it is differentiable. They run on
 * every backend, like the kernels' cases, because a composition can still hit a backend's corner
 * (a dtype, a broadcast, a layout) that the kernel cases do not. One file per op,
 * `<op>.cases.ts`, listed here.
 */
import type { CaseDef } from '../harness.js';
import { allCases } from './all.cases.js';
import { anyCases } from './any.cases.js';
import { atan2Cases } from './atan2.cases.js';
import { cumprodCases } from './cumprod.cases.js';
import { cumsumCases } from './cumsum.cases.js';
import { dropoutCases } from './dropout.cases.js';
import { erfCases } from './erf.cases.js';
import { isFiniteCases } from './is-finite.cases.js';
import { isInfCases } from './is-inf.cases.js';
import { isNaNCases } from './is-nan.cases.js';
import { topkCases } from './topk.cases.js';
import { uniqueCases } from './unique.cases.js';

export const OP_CASES: readonly CaseDef[] = [
  ...isNaNCases,
  ...isFiniteCases,
  ...isInfCases,
  ...allCases,
  ...anyCases,
  ...erfCases,
  ...atan2Cases,
  ...cumsumCases,
  ...cumprodCases,
  ...dropoutCases,
  ...topkCases,
  ...uniqueCases,
];
