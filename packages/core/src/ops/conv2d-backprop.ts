/** @internal The convolution backprop kernels as functions over tensors (used by gradients). */
import { ENGINE } from '../engine.js';
import type { Conv2dAttrs } from '../kernels/signatures.js';
import type { Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';

function shape4(s: Shape): [number, number, number, number] {
  return [s[0], s[1], s[2], s[3]];
}

function convAttrs(attrs: Conv2dAttrs): Conv2dAttrs {
  return { strides: attrs.strides, pad: attrs.pad, dilations: attrs.dilations };
}

/** The gradient of conv2d with respect to its input of shape `inputShape`. */
export function conv2dBackpropInput(dy: Tensor, filter: Tensor, attrs: Conv2dAttrs, inputShape: Shape): Tensor {
  return ENGINE.runKernel('conv2dBackpropInput', { dy, filter }, { ...convAttrs(attrs), inputShape: shape4(inputShape) });
}

/** The gradient of conv2d with respect to its filter of shape `filterShape`. */
export function conv2dBackpropFilter(x: Tensor, dy: Tensor, attrs: Conv2dAttrs, filterShape: Shape): Tensor {
  return ENGINE.runKernel('conv2dBackpropFilter', { x, dy }, { ...convAttrs(attrs), filterShape: shape4(filterShape) });
}

/** conv2d with attributes already resolved (NHWC, rank 4). */
export function conv2dResolved(x: Tensor, filter: Tensor, attrs: Conv2dAttrs): Tensor {
  return ENGINE.runKernel('conv2d', { x, filter }, convAttrs(attrs));
}
