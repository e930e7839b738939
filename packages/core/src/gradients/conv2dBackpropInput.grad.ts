import { defineGradient } from './define.js';
import { conv2dBackpropFilter, conv2dResolved } from '../ops/conv2d-backprop.js';

/**
 * conv2dBackpropInput is the adjoint of conv2d in its first argument (and runs conv2dTranspose),
 * so its gradient is a convolution for dy and a filter gradient for the filter.
 */
export const conv2dBackpropInputGradient = defineGradient(
  'conv2dBackpropInput',
  ['conv2d', 'conv2dBackpropFilter'],
  (g, { dy, filter }, attrs) => ({
    dy: () => conv2dResolved(g, filter, attrs),
    filter: () => conv2dBackpropFilter(g, dy, attrs, filter.shape),
  }),
);
