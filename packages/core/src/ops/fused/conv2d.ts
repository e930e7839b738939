import { ENGINE } from '../../engine.js';
import { DTypeError, ShapeError } from '../../errors.js';
import type { FusedActivation } from '../../kernels/signatures.js';
import { broadcastShapes, formatShape, shapesEqual } from '../../shape.js';
import type { Tensor } from '../../tensor.js';
import { binaryOp } from '../binary.js';
import { finishConv2d, prepareConv2d } from '../conv2d.js';
import type { DataFormat, PaddingSpec } from '../conv-util.js';
import { convertToTensor, type TensorLike } from '../convert.js';
import { applyActivation, checkActivation } from './activation.js';

export interface FusedConv2dConfig {
  x: TensorLike;
  filter: TensorLike;
  strides: number | readonly [number, number];
  pad: PaddingSpec;
  dataFormat?: DataFormat;
  dilations?: number | readonly [number, number];
  /** Added per output channel; shape [outChannels] runs fused, other broadcastable shapes run unfused. */
  bias?: TensorLike;
  activation?: FusedActivation;
}

/**
 * activation(conv2d(x, filter) + bias) in one kernel where the backend has `fusedConv2d` (the
 * engine composes it from required kernels otherwise). Arguments as `conv2d`.
 */
export function conv2d({
  x,
  filter,
  strides,
  pad,
  dataFormat = 'NHWC',
  dilations = 1,
  bias,
  activation = 'linear',
}: FusedConv2dConfig): Tensor {
  const op = 'fused.conv2d';
  const act = checkActivation(op, activation);
  return ENGINE.tidy(() => {
    const prepared = prepareConv2d(op, x, filter, strides, pad, dataFormat, dilations);
    const outChannels = prepared.filter.shape[3];
    const $bias = bias === undefined ? undefined : convertToTensor(bias, 'bias', op, 'float32');
    if ($bias !== undefined && $bias.dtype !== 'float32') throw new DTypeError(`${op}: bias must be float32, got ${$bias.dtype}`);
    if ($bias === undefined || ($bias.rank === 1 && $bias.shape[0] === outChannels)) {
      const y = ENGINE.runKernel(
        'fusedConv2d',
        { x: prepared.x4, filter: prepared.filter, bias: $bias },
        { ...prepared.attrs, activation: act },
      );
      return finishConv2d(y, prepared);
    }
    const conv = finishConv2d(ENGINE.runKernel('conv2d', { x: prepared.x4, filter: prepared.filter }, prepared.attrs), prepared);
    if (!shapesEqual(broadcastShapes(op, $bias.shape, conv.shape), conv.shape)) {
      throw new ShapeError(`${op}: bias ${formatShape($bias.shape)} must broadcast to the convolution's shape ${formatShape(conv.shape)}`);
    }
    return applyActivation(binaryOp('add', conv, $bias), act);
  });
}
