import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';

export const maxPoolGrad = defineGradient('maxPool', (dy, { x }, attrs) => ({
  x: () => ENGINE.runKernel('maxPoolGrad', { dy, x }, attrs),
}));
