/**
 * Cases of the ops built from other kernels (no kernel of their own): each op's forward values
 * against a reference in ../reference, and its gradients where it is differentiable. They run on
 * every backend, like the kernels' cases, because a composition can still hit a backend's corner
 * (a dtype, a broadcast, a layout) that the kernel cases do not. One file per op,
 * `<op>.cases.ts`, listed here.
 */
import type { CaseDef } from '../harness.js';
import { depthwiseConv2dCases } from './depthwiseConv2d.cases.js';
import { separableConv2dCases } from './separableConv2d.cases.js';

export const OP_CASES: readonly CaseDef[] = [...depthwiseConv2dCases, ...separableConv2dCases];
