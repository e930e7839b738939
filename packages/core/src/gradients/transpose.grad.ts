import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';

export const transposeGradient = defineGradient('transpose', ['transpose'], (dy, _inputs, { perm }) => {
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  return { x: () => ENGINE.runKernel('transpose', { x: dy }, { perm: inverse }) };
});
