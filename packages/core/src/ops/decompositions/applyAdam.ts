import { ENGINE } from '../../engine.js';
import type { Decomposition } from '../../kernels/op-inputs.js';
import { binaryOp } from '../binary.js';
import { asWritableVariable } from '../optimizer-util.js';
import { sqrt, square } from '../unary.js';

/** Keras Adam from elementwise ops, for backends without an `applyAdam` kernel. */
export const applyAdam: Decomposition<'applyAdam'> = ({ variable, grad, m, v }, { learningRate, beta1, beta2, epsilon, step }) => {
  const w = asWritableVariable('applyAdam', 'variable', variable);
  const mVar = asWritableVariable('applyAdam', 'm', m);
  const vVar = asWritableVariable('applyAdam', 'v', v);
  const lrT = (learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
  const [nextW, nextM, nextV] = ENGINE.tidy(() => {
    const m1 = binaryOp('add', binaryOp('mul', mVar, beta1), binaryOp('mul', grad, 1 - beta1));
    const v1 = binaryOp('add', binaryOp('mul', vVar, beta2), binaryOp('mul', square(grad), 1 - beta2));
    const update = binaryOp('div', binaryOp('mul', m1, lrT), binaryOp('add', sqrt(v1), epsilon));
    return [binaryOp('sub', w, update), m1, v1];
  });
  for (const [target, value] of [
    [w, nextW],
    [mVar, nextM],
    [vVar, nextV],
  ] as const) {
    target.assign(value);
    value.dispose();
  }
};
