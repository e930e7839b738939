import { ENGINE } from '../../engine.js';
import type { Decomposition } from '../../kernels/op-inputs.js';
import { activationBackward } from '../fused/activation.js';

/** The two kernels the fused one replaces: avgPoolGrad (which reads only y's shape), then the
 *  activation's gradient at y. */
export const fusedAvgPoolGrad: Decomposition<'fusedAvgPoolGrad'> = ({ dy, y }, { activation, ...pool }) =>
  ENGINE.tidy(() => {
    const dx = ENGINE.runKernel('avgPoolGrad', { dy, x: y }, pool);
    // 'linear' would hand back dx itself: still the one new tensor the tidy keeps.
    return activationBackward(dx, y, activation);
  });
