import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';

export const avgPoolGradient = defineGradient('avgPool', ['avgPoolGrad'], (dy, { x }, attrs) => ({
  x: () => ENGINE.runKernel('avgPoolGrad', { dy, x }, attrs),
}));
