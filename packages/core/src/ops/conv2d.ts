import { ENGINE } from '../engine.js';
import { DTypeError, ShapeError } from '../errors.js';
import type { Conv2dAttrs } from '../kernels/signatures.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { checkDataFormat, checkStridesOrDilations, pair, resolvePad, type DataFormat, type PaddingSpec } from './conv-util.js';
import { transpose } from './transpose.js';

/** @internal A conv2d call in the kernel's form: NHWC rank-4 input, resolved attributes. */
export interface PreparedConv2d {
  readonly x4: Tensor;
  readonly filter: Tensor;
  readonly attrs: Conv2dAttrs;
  readonly unbatched: boolean;
  readonly dataFormat: DataFormat;
}

/** @internal Checks and normalises conv2d arguments. Creates tensors: call inside a tidy. */
export function prepareConv2d(
  op: string,
  x: TensorLike,
  filter: TensorLike,
  strides: number | readonly [number, number],
  pad: PaddingSpec,
  dataFormat: DataFormat,
  dilations: number | readonly [number, number],
): PreparedConv2d {
  const $x = convertToTensor(x, 'x', op, 'float32');
  const $filter = convertToTensor(filter, 'filter', op, 'float32');
  const format = checkDataFormat(op, dataFormat);
  const layout = format === 'NHWC' ? '[batch, height, width, channels]' : '[batch, channels, height, width]';
  if ($x.rank !== 4 && $x.rank !== 3) {
    throw new ShapeError(`${op}: input must be rank 4 ${layout} (or rank 3 without the batch), got shape ${formatShape($x.shape)}`);
  }
  if ($filter.rank !== 4) {
    throw new ShapeError(
      `${op}: filter must be rank 4 [filterHeight, filterWidth, inChannels, outChannels], got shape ${formatShape($filter.shape)}`,
    );
  }
  if ($x.dtype !== 'float32') throw new DTypeError(`${op}: x must be float32, got ${$x.dtype}`);
  if ($filter.dtype !== 'float32') throw new DTypeError(`${op}: filter must be float32, got ${$filter.dtype}`);
  const unbatched = $x.rank === 3;
  const batched = unbatched ? ENGINE.reshape($x, [1, ...$x.shape]) : $x;
  const x4 = format === 'NHWC' ? batched : transpose(batched, [0, 2, 3, 1]);
  const channels = x4.shape[3];
  if (channels !== $filter.shape[2]) {
    throw new ShapeError(
      `${op}: input channels (${channels}) must equal the filter's in-channels (${$filter.shape[2]}); input ${formatShape($x.shape)}, filter ${formatShape($filter.shape)}`,
    );
  }
  const s = pair(op, 'strides', strides);
  const d = pair(op, 'dilations', dilations);
  checkStridesOrDilations(op, s, d);
  const padding = resolvePad(op, pad, [x4.shape[1], x4.shape[2]], [$filter.shape[0], $filter.shape[1]], s, d, format);
  return { x4, filter: $filter, attrs: { strides: s, pad: padding, dilations: d }, unbatched, dataFormat: format };
}

/** @internal Undoes the layout changes of `prepareConv2d` on the NHWC rank-4 output. */
export function finishConv2d(y: Tensor, prepared: PreparedConv2d): Tensor {
  const out = prepared.dataFormat === 'NHWC' ? y : transpose(y, [0, 3, 1, 2]);
  return prepared.unbatched ? ENGINE.reshape(out, out.shape.slice(1)) : out;
}

/**
 * 2-D convolution (cross-correlation, as TensorFlow): x is [batch, height, width, inChannels]
 * (NHWC; rank 3 without batch), filter [filterHeight, filterWidth, inChannels, outChannels].
 * `pad` is 'valid', 'same' (TensorFlow's rule), a number of pixels on every side, or explicit.
 */
export function conv2d(
  x: TensorLike,
  filter: TensorLike,
  strides: number | readonly [number, number],
  pad: PaddingSpec,
  dataFormat: DataFormat = 'NHWC',
  dilations: number | readonly [number, number] = 1,
): Tensor {
  return ENGINE.tidy(() => {
    const prepared = prepareConv2d('conv2d', x, filter, strides, pad, dataFormat, dilations);
    const y = ENGINE.runKernel('conv2d', { x: prepared.x4, filter: prepared.filter }, prepared.attrs);
    return finishConv2d(y, prepared);
  });
}
