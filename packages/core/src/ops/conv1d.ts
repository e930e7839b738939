import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError, ShapeError } from '../errors.js';
import { convOutSize } from '../kernels/specs.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { conv2d } from './conv2d.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { samePadding, type ExplicitPadding } from './conv-util.js';

export type Conv1dDataFormat = 'NWC' | 'NCW';

/** 'valid', 'same', a number of steps on both ends, or explicit padding in the input's layout:
 *  [[0, 0], [left, right], [0, 0]] for NWC (or conv2d's rank-4 form, as TensorFlow.js passes it through). */
export type Conv1dPadding = 'valid' | 'same' | number | ExplicitPadding;

function positiveInt(op: string, name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new ArgumentError(`${op}: ${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return v;
}

/** [left, right] padding of the width axis, or the pad spec itself for 'valid' / 'same'. */
function widthPad(op: string, pad: Conv1dPadding, format: Conv1dDataFormat): [number, number] | 'valid' | 'same' {
  if (pad === 'valid' || pad === 'same') return pad;
  if (typeof pad === 'number') {
    if (!Number.isInteger(pad) || pad < 0) throw new ArgumentError(`${op}: a numeric pad must be a non-negative integer, got ${pad}`);
    return [pad, pad];
  }
  const layout = format === 'NWC' ? '[[0, 0], [left, right], [0, 0]]' : '[[0, 0], [0, 0], [left, right]]';
  const ok =
    Array.isArray(pad) &&
    (pad.length === 3 || pad.length === 4) &&
    pad.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => Number.isInteger(v) && v >= 0));
  // The rank-4 form is conv2d's padding of the [N, 1, W, C] view; its height entry must be 0 too.
  const wAxis = pad.length === 4 ? (format === 'NWC' ? 2 : 3) : format === 'NWC' ? 1 : 2;
  if (!ok || pad.some((p, a) => a !== wAxis && (p[0] !== 0 || p[1] !== 0))) {
    throw new ArgumentError(
      `${op}: pad must be 'valid', 'same', a non-negative integer or explicit padding ${layout}, got ${JSON.stringify(pad)}`,
    );
  }
  return [pad[wAxis][0], pad[wAxis][1]];
}

/**
 * 1-D convolution (cross-correlation, as TensorFlow.js' `conv1d`): x is [batch, width, inChannels]
 * (NWC; rank 2 without batch; 'NCW' puts channels before width), filter
 * [filterWidth, inChannels, outChannels]. Either `stride` or `dilation` must be 1. Runs as a
 * conv2d over a height-1 view, so it has conv2d's kernels and gradients on every backend.
 */
export function conv1d(
  x: TensorLike,
  filter: TensorLike,
  stride: number,
  pad: Conv1dPadding,
  dataFormat: Conv1dDataFormat = 'NWC',
  dilation = 1,
): Tensor {
  const op = 'conv1d';
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', op, 'float32');
    const $filter = convertToTensor(filter, 'filter', op, 'float32');
    if (dataFormat !== 'NWC' && dataFormat !== 'NCW') {
      throw new ArgumentError(`${op}: dataFormat must be 'NWC' or 'NCW', got ${JSON.stringify(dataFormat)}`);
    }
    const layout = dataFormat === 'NWC' ? '[batch, width, channels]' : '[batch, channels, width]';
    if ($x.rank !== 3 && $x.rank !== 2) {
      throw new ShapeError(`${op}: input must be rank 3 ${layout} (or rank 2 without the batch), got shape ${formatShape($x.shape)}`);
    }
    if ($filter.rank !== 3) {
      throw new ShapeError(`${op}: filter must be rank 3 [filterWidth, inChannels, outChannels], got shape ${formatShape($filter.shape)}`);
    }
    if ($x.dtype !== 'float32') throw new DTypeError(`${op}: x must be float32, got ${$x.dtype}`);
    if ($filter.dtype !== 'float32') throw new DTypeError(`${op}: filter must be float32, got ${$filter.dtype}`);
    const unbatched = $x.rank === 2;
    const x3 = unbatched ? ENGINE.reshape($x, [1, ...$x.shape]) : $x;
    const [n, a, b] = x3.shape;
    const [width, channels] = dataFormat === 'NWC' ? [a, b] : [b, a];
    const [k, inC, outC] = $filter.shape;
    if (channels !== inC) {
      throw new ShapeError(
        `${op}: input channels (${channels}) must equal the filter's in-channels (${inC}); input ${formatShape($x.shape)}, filter ${formatShape($filter.shape)}`,
      );
    }
    positiveInt(op, 'stride', stride);
    positiveInt(op, 'dilation', dilation);
    if (stride !== 1 && dilation !== 1) {
      throw new ArgumentError(`${op}: either stride or dilation must be 1, got stride ${stride} and dilation ${dilation}`);
    }
    const wPad = widthPad(op, pad, dataFormat);
    const [left, right] = wPad === 'valid' ? [0, 0] : wPad === 'same' ? samePadding(width, k, stride, dilation) : wPad;
    const outW = convOutSize(width, k, stride, dilation, left, right);
    if (outW <= 0) {
      throw new ShapeError(
        `${op}: filter width ${k} (dilation ${dilation}) does not fit input width ${width} with padding [${left}, ${right}]; input ${formatShape($x.shape)}, filter ${formatShape($filter.shape)}`,
      );
    }
    const x4 = ENGINE.reshape(x3, dataFormat === 'NWC' ? [n, 1, width, channels] : [n, channels, 1, width]);
    const f4 = ENGINE.reshape($filter, [1, k, inC, outC]);
    const pad2d: ExplicitPadding =
      dataFormat === 'NWC'
        ? [
            [0, 0],
            [0, 0],
            [left, right],
            [0, 0],
          ]
        : [
            [0, 0],
            [0, 0],
            [0, 0],
            [left, right],
          ];
    const y = conv2d(x4, f4, [1, stride], pad2d, dataFormat === 'NWC' ? 'NHWC' : 'NCHW', [1, dilation]);
    const y3 = ENGINE.reshape(y, dataFormat === 'NWC' ? [n, outW, outC] : [n, outC, outW]);
    return unbatched ? ENGINE.reshape(y3, y3.shape.slice(1)) : y3;
  });
}
