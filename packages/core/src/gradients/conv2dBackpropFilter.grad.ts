import { defineGradient } from './define.js';
import { conv2dBackpropInput, conv2dResolved } from '../ops/conv2d-backprop.js';

/** conv2dBackpropFilter is bilinear in (x, dy); its gradient (second-order training) is one
 *  convolution per argument. */
export const conv2dBackpropFilterGradient = defineGradient(
  'conv2dBackpropFilter',
  ['conv2d', 'conv2dBackpropInput'],
  (g, { x, dy }, attrs) => ({
    x: () => conv2dBackpropInput(dy, g, attrs, x.shape),
    dy: () => conv2dResolved(x, g, attrs),
  }),
);
