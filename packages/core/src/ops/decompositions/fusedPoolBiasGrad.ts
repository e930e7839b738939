import { ENGINE } from '../../engine.js';
import type { Decomposition } from '../../kernels/op-inputs.js';

/** The kernels the fused one replaces: the gradient at the conv's output (through the pool and the
 *  activation), then its sum over everything but the channels. */
export const fusedPoolBiasGrad: Decomposition<'fusedPoolBiasGrad'> = ({ dy, y }, attrs) =>
  ENGINE.tidy(() =>
    ENGINE.runKernel(
      'reduce',
      { x: ENGINE.runKernel('fusedAvgPoolGrad', { dy, y }, attrs) },
      { op: 'sum', axes: [0, 1, 2], keepDims: false },
    ),
  );
