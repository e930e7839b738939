import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';

/** The slice's gradient, padded with zeros back to the input's shape. */
export const sliceGradient = defineGradient('slice', ['pad'], (dy, { x }, { begin, size }) => ({
  x: () =>
    ENGINE.runKernel(
      'pad',
      { x: dy },
      {
        paddings: x.shape.map((d, i): [number, number] => [begin[i], d - begin[i] - size[i]]),
        constantValue: 0,
      },
    ),
}));
