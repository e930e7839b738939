import { defineGradient } from './define.js';
import { conv2dBackpropFilter, conv2dBackpropInput } from '../ops/conv2d-backprop.js';

export const conv2dGradient = defineGradient('conv2d', ['conv2dBackpropFilter', 'conv2dBackpropInput'], (dy, { x, filter }, attrs) => ({
  x: () => conv2dBackpropInput(dy, filter, attrs, x.shape),
  filter: () => conv2dBackpropFilter(x, dy, attrs, filter.shape),
}));
