import { ENGINE } from '../../engine.js';
import type { Decomposition } from '../../kernels/op-inputs.js';
import { binaryOp } from '../binary.js';
import { asWritableVariable } from '../optimizer-util.js';

/** Keras SGD from elementwise ops, for backends without an `applySgd` kernel. */
export const applySgd: Decomposition<'applySgd'> = ({ variable, grad, velocity }, { learningRate, momentum, nesterov }) => {
  const w = asWritableVariable('applySgd', 'variable', variable);
  const vel = velocity === undefined ? undefined : asWritableVariable('applySgd', 'velocity', velocity);
  const [nextW, nextVel] = ENGINE.tidy(() => {
    const step = binaryOp('mul', grad, learningRate);
    if (vel === undefined) return [binaryOp('sub', w, step)];
    const v = binaryOp('sub', binaryOp('mul', vel, momentum), step);
    const delta = nesterov ? binaryOp('sub', binaryOp('mul', v, momentum), step) : v;
    return [binaryOp('add', w, delta), v];
  });
  w.assign(nextW);
  nextW.dispose();
  if (vel !== undefined && nextVel !== undefined) {
    vel.assign(nextVel);
    nextVel.dispose();
  }
};
