/** The gradient at a fused conv's output through the average pool after it, in float64: what
 *  `fusedAvgPoolGrad` computes and the kernels fused with its readers never store. */
import type { FusedActivation, Pool2dAttrs } from '../../kernels/signatures.js';
import { activationDerivative, activationTermScale } from './activation.js';
import type { Linear } from './matmul.js';
import { nd, type Nd } from './nd.js';
import { avgPoolGradRef } from './pool.js';

/** dz = avgPoolGrad(dy) * f'(y), and per element the scale of its float32 error. */
export function fusedAvgPoolGradRef(dy: Nd, y: Nd, attrs: Pool2dAttrs, activation: FusedActivation): Linear {
  const pooled = avgPoolGradRef(dy, y, attrs);
  const out = nd(y.shape);
  const scale = new Float64Array(out.values.length);
  for (let i = 0; i < out.values.length; i++) {
    out.values[i] = pooled.values[i] * activationDerivative(activation, y.values[i]);
    scale[i] = Math.abs(pooled.values[i]) * activationTermScale(activation, y.values[i]);
  }
  return { out, scale };
}
