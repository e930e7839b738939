import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';

/** avgPoolGrad is linear in dy, and its adjoint is avgPool; it does not depend on x's values. */
export const avgPoolGradGradient = defineGradient('avgPoolGrad', ['avgPool'], (g, _inputs, attrs) => ({
  dy: () => ENGINE.runKernel('avgPool', { x: g }, attrs),
}));
