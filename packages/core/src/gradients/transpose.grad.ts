import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';

export const transposeGrad = defineGradient('transpose', (dy, _inputs, { perm }) => {
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  return { x: () => ENGINE.runKernel('transpose', { x: dy }, { perm: inverse }) };
});
