import { ENGINE } from '../../engine.js';
import type { Decomposition } from '../../kernels/op-inputs.js';
import { binaryOp } from '../binary.js';
import { conv2dResolved } from '../conv2d-backprop.js';
import { applyActivation } from '../fused/activation.js';

/** conv2d, then bias, then the activation, for backends without a `fusedConv2d` kernel. */
export const fusedConv2d: Decomposition<'fusedConv2d'> = ({ x, filter, bias }, attrs) =>
  ENGINE.tidy(() => {
    const conv = conv2dResolved(x, filter, attrs);
    return applyActivation(bias === undefined ? conv : binaryOp('add', conv, bias), attrs.activation);
  });
