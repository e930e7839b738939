import { ENGINE } from '../engine.js';
import { ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { conv2d } from './conv2d.js';
import { convertToTensor, type TensorLike } from './convert.js';
import type { DataFormat, PaddingSpec } from './conv-util.js';
import { depthwiseConv2d } from './depthwise-conv2d.js';

/**
 * Depthwise-separable 2-D convolution, as TensorFlow.js: a depthwise convolution
 * (depthwiseFilter [filterHeight, filterWidth, inChannels, channelMultiplier]) followed by a 1x1
 * convolution (pointwiseFilter [1, 1, inChannels * channelMultiplier, outChannels]).
 */
export function separableConv2d(
  x: TensorLike,
  depthwiseFilter: TensorLike,
  pointwiseFilter: TensorLike,
  strides: number | readonly [number, number],
  pad: PaddingSpec,
  dilation: number | readonly [number, number] = 1,
  dataFormat: DataFormat = 'NHWC',
): Tensor {
  const op = 'separableConv2d';
  return ENGINE.tidy(() => {
    const $depthwise = convertToTensor(depthwiseFilter, 'depthwiseFilter', op, 'float32');
    const $pointwise = convertToTensor(pointwiseFilter, 'pointwiseFilter', op, 'float32');
    if ($depthwise.rank !== 4) {
      throw new ShapeError(
        `${op}: depthwiseFilter must be rank 4 [filterHeight, filterWidth, inChannels, channelMultiplier], got shape ${formatShape($depthwise.shape)}`,
      );
    }
    const mid = $depthwise.shape[2] * $depthwise.shape[3];
    const p = $pointwise.shape;
    if ($pointwise.rank !== 4 || p[0] !== 1 || p[1] !== 1 || p[2] !== mid) {
      throw new ShapeError(
        `${op}: pointwiseFilter must be [1, 1, ${mid}, outChannels] (inChannels ${$depthwise.shape[2]} x channelMultiplier ${$depthwise.shape[3]}), got shape ${formatShape(p)}`,
      );
    }
    const y = depthwiseConv2d(x, $depthwise, strides, pad, dataFormat, dilation);
    return conv2d(y, $pointwise, 1, 'valid', dataFormat);
  });
}
