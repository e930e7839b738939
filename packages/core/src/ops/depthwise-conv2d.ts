import { ENGINE } from '../engine.js';
import { ShapeError } from '../errors.js';
import { convOutSize } from '../kernels/specs.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { add, mul } from './binary.js';
import { finishConv2d, prepareConv2d } from './conv2d.js';
import { convertToTensor, type TensorLike } from './convert.js';
import type { DataFormat, PaddingSpec } from './conv-util.js';
import { pad as padOp } from './pad.js';
import { slice } from './slice.js';

/**
 * Rows `start, start + stride, ...` (`count` of them) of axis 1 and columns likewise of axis 2 of
 * an NHWC tensor, from a plain slice and a reshape that puts the stride phase on its own axis: the
 * kernel contract has no strided slice. `x` must extend to `start + count * stride` on both axes.
 */
function stridedWindow(
  x: Tensor,
  start: readonly [number, number],
  count: readonly [number, number],
  stride: readonly [number, number],
): Tensor {
  const [n, , , c] = x.shape;
  const block = slice(x, [0, start[0], start[1], 0], [n, count[0] * stride[0], count[1] * stride[1], c]);
  if (stride[0] === 1 && stride[1] === 1) return block;
  const phased = ENGINE.reshape(block, [n, count[0], stride[0], count[1], stride[1], c]);
  const picked = slice(phased, [0, 0, 0, 0, 0, 0], [n, count[0], 1, count[1], 1, c]);
  return ENGINE.reshape(picked, [n, count[0], count[1], c]);
}

/**
 * Depthwise 2-D convolution, as TensorFlow.js: each input channel is convolved with its own
 * `channelMultiplier` filters. x is [batch, height, width, inChannels] (NHWC; rank 3 without
 * batch), filter [filterHeight, filterWidth, inChannels, channelMultiplier]; output channel
 * `c * channelMultiplier + m` is channel c through filter m.
 *
 * Written as a sum over the filter taps of (strided window of the padded input) x (the tap's
 * [inChannels, channelMultiplier] weights): its work grows with inChannels, where one conv2d with
 * a block-diagonal filter would grow with its square.
 */
export function depthwiseConv2d(
  x: TensorLike,
  filter: TensorLike,
  strides: number | readonly [number, number],
  pad: PaddingSpec,
  dataFormat: DataFormat = 'NHWC',
  dilations: number | readonly [number, number] = 1,
): Tensor {
  const op = 'depthwiseConv2d';
  return ENGINE.tidy(() => {
    const $filter = convertToTensor(filter, 'filter', op, 'float32');
    if ($filter.rank !== 4) {
      throw new ShapeError(
        `${op}: filter must be rank 4 [filterHeight, filterWidth, inChannels, channelMultiplier], got shape ${formatShape($filter.shape)}`,
      );
    }
    const prepared = prepareConv2d(op, x, $filter, strides, pad, dataFormat, dilations);
    const { x4, attrs } = prepared;
    const [n, h, w, c] = x4.shape;
    const [fh, fw, , m] = $filter.shape;
    const { strides: s, dilations: d, pad: p } = attrs;
    const oh = convOutSize(h, fh, s[0], d[0], p.top, p.bottom);
    const ow = convOutSize(w, fw, s[1], d[1], p.left, p.right);
    if (oh < 1 || ow < 1) {
      throw new ShapeError(
        `${op}: filter ${formatShape($filter.shape)} with dilations [${d}] does not fit in the padded input ${formatShape(x4.shape)} (output would be ${oh}x${ow})`,
      );
    }
    // The last window's strided slice reaches up to stride - 1 past the padded input.
    const extraH = Math.max(0, (fh - 1) * d[0] + oh * s[0] - (h + p.top + p.bottom));
    const extraW = Math.max(0, (fw - 1) * d[1] + ow * s[1] - (w + p.left + p.right));
    const padded = padOp(x4, [
      [0, 0],
      [p.top, p.bottom + extraH],
      [p.left, p.right + extraW],
      [0, 0],
    ]);
    let acc: Tensor | undefined;
    for (let ky = 0; ky < fh; ky++) {
      for (let kx = 0; kx < fw; kx++) {
        const window = stridedWindow(padded, [ky * d[0], kx * d[1]], [oh, ow], s);
        const tap = ENGINE.reshape(slice($filter, [ky, kx, 0, 0], [1, 1, c, m]), m === 1 ? [c] : [c, m]);
        const term = mul(m === 1 ? window : ENGINE.reshape(window, [n, oh, ow, c, 1]), tap);
        acc = acc === undefined ? term : add(acc, term);
      }
    }
    const y = ENGINE.reshape(acc as Tensor, [n, oh, ow, c * m]);
    return finishConv2d(y, prepared);
  });
}
