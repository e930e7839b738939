import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';

export const maxPoolGradient = defineGradient('maxPool', ['maxPoolGrad'], (dy, { x }, attrs) => ({
  x: () => ENGINE.runKernel('maxPoolGrad', { dy, x }, attrs),
}));
