import { ENGINE } from '../../engine.js';
import type { Decomposition } from '../../kernels/op-inputs.js';

/** The kernels the fused one replaces: the gradient at the conv's output (through the pool and the
 *  activation), then the filter gradient of it. */
export const fusedPoolConv2dBackpropFilter: Decomposition<'fusedPoolConv2dBackpropFilter'> = (
  { x, dy, y },
  { pool, activation, ...conv },
) =>
  ENGINE.tidy(() =>
    ENGINE.runKernel('conv2dBackpropFilter', { x, dy: ENGINE.runKernel('fusedAvgPoolGrad', { dy, y }, { ...pool, activation }) }, conv),
  );
