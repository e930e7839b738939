import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';

export const avgPoolGrad = defineGradient('avgPool', (dy, { x }, attrs) => ({
  x: () => ENGINE.runKernel('avgPoolGrad', { dy, x }, attrs),
}));
