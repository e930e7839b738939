/**
 * Cases of the ops built from other kernels (no kernel of their own): each op's forward values
 * against a reference in ../reference, and its gradients where it is differentiable. They run on
 * every backend, like the kernels' cases, because a composition can still hit a backend's corner
 * (a dtype, a broadcast, a layout) that the kernel cases do not. One file per op,
 * `<op>.cases.ts`, listed here.
 */
import type { CaseDef } from '../harness.js';
import { resizeBilinearCases } from './resizeBilinear.cases.js';
import { resizeNearestNeighborCases } from './resizeNearestNeighbor.cases.js';

export const OP_CASES: readonly CaseDef[] = [...resizeBilinearCases, ...resizeNearestNeighborCases];
