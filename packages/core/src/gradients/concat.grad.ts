import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';
import type { Tensor } from '../tensor.js';

/** Each input gets its slice of dy along the concatenation axis. */
export const concatGradient = defineGradient('concat', ['slice'], (dy, { xs }, { axis }) => ({
  xs: () => {
    let offset = 0;
    return xs.map((t): Tensor => {
      const begin = dy.shape.map((_, i) => (i === axis ? offset : 0));
      const size = dy.shape.map((d, i) => (i === axis ? t.shape[axis] : d));
      offset += t.shape[axis];
      return ENGINE.runKernel('slice', { x: dy }, { begin, size });
    });
  },
}));
