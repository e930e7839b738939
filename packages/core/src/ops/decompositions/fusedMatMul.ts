import { ENGINE } from '../../engine.js';
import type { Decomposition } from '../../kernels/op-inputs.js';
import { binaryOp } from '../binary.js';
import { applyActivation } from '../fused/activation.js';

/** matMul, then bias, then the activation, for backends without a `fusedMatMul` kernel. */
export const fusedMatMul: Decomposition<'fusedMatMul'> = ({ a, b, bias }, { transposeA, transposeB, activation }) =>
  ENGINE.tidy(() => {
    const product = ENGINE.runKernel('matMul', { a, b }, { transposeA, transposeB });
    return applyActivation(bias === undefined ? product : binaryOp('add', product, bias), activation);
  });
