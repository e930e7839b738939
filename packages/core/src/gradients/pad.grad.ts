import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';

/** The gradient of the unpadded part. */
export const padGradient = defineGradient('pad', ['slice'], (dy, { x }, { paddings }) => ({
  x: () => ENGINE.runKernel('slice', { x: dy }, { begin: paddings.map((p) => p[0]), size: [...x.shape] }),
}));
