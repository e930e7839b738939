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
import { cloneCases } from './clone.cases.js';
import { conv1dCases } from './conv1d.cases.js';
import { cumprodCases } from './cumprod.cases.js';
import { cumsumCases } from './cumsum.cases.js';
import { depthwiseConv2dCases } from './depthwise-conv2d.cases.js';
import { dropoutCases } from './dropout.cases.js';
import { einsumCases } from './einsum.cases.js';
import { erfCases } from './erf.cases.js';
import { eyeCases } from './eye.cases.js';
import { gatherNDCases } from './gather-nd.cases.js';
import { isFiniteCases } from './is-finite.cases.js';
import { isInfCases } from './is-inf.cases.js';
import { isNaNCases } from './is-nan.cases.js';
import { linspaceCases } from './linspace.cases.js';
import { mirrorPadCases } from './mirror-pad.cases.js';
import { outerProductCases } from './outer-product.cases.js';
import { printCases } from './print.cases.js';
import { resizeBilinearCases } from './resize-bilinear.cases.js';
import { resizeNearestNeighborCases } from './resize-nearest-neighbor.cases.js';
import { reverseCases } from './reverse.cases.js';
import { scatterNDCases } from './scatter-nd.cases.js';
import { separableConv2dCases } from './separable-conv2d.cases.js';
import { stridedSliceCases } from './strided-slice.cases.js';
import { tileCases } from './tile.cases.js';
import { topkCases } from './topk.cases.js';
import { uniqueCases } from './unique.cases.js';

export const OP_CASES: readonly CaseDef[] = [
  ...allCases,
  ...anyCases,
  ...atan2Cases,
  ...cloneCases,
  ...conv1dCases,
  ...cumprodCases,
  ...cumsumCases,
  ...depthwiseConv2dCases,
  ...dropoutCases,
  ...einsumCases,
  ...erfCases,
  ...eyeCases,
  ...gatherNDCases,
  ...isFiniteCases,
  ...isInfCases,
  ...isNaNCases,
  ...linspaceCases,
  ...mirrorPadCases,
  ...outerProductCases,
  ...printCases,
  ...resizeBilinearCases,
  ...resizeNearestNeighborCases,
  ...reverseCases,
  ...scatterNDCases,
  ...separableConv2dCases,
  ...stridedSliceCases,
  ...tileCases,
  ...topkCases,
  ...uniqueCases,
];
