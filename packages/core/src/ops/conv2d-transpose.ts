import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError, ShapeError } from '../errors.js';
import { convOutSize } from '../kernels/specs.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { pair, resolvePad, type PaddingSpec } from './conv-util.js';

/**
 * The transpose of conv2d (the gradient of conv2d with respect to its input), as TensorFlow.js:
 * x is [batch, height, width, inDepth] (rank 3 without batch), filter
 * [filterHeight, filterWidth, outDepth, inDepth], `outputShape` the shape of the result, i.e. of
 * the input of the convolution being transposed; `pad` is resolved against that shape.
 */
export function conv2dTranspose(
  x: TensorLike,
  filter: TensorLike,
  outputShape: readonly [number, number, number, number] | readonly [number, number, number],
  strides: number | readonly [number, number],
  pad: PaddingSpec,
): Tensor {
  const op = 'conv2dTranspose';
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', op, 'float32');
    const $filter = convertToTensor(filter, 'filter', op, 'float32');
    if ($x.rank !== 4 && $x.rank !== 3) {
      throw new ShapeError(
        `${op}: input must be rank 4 [batch, height, width, inDepth] (or rank 3 without the batch), got shape ${formatShape($x.shape)}`,
      );
    }
    if ($filter.rank !== 4) {
      throw new ShapeError(
        `${op}: filter must be rank 4 [filterHeight, filterWidth, outDepth, inDepth], got shape ${formatShape($filter.shape)}`,
      );
    }
    if ($x.dtype !== 'float32' || $filter.dtype !== 'float32') {
      throw new DTypeError(`${op}: x and filter must be float32, got ${$x.dtype} and ${$filter.dtype}`);
    }
    const unbatched = $x.rank === 3;
    const x4 = unbatched ? ENGINE.reshape($x, [1, ...$x.shape]) : $x;
    if (!Array.isArray(outputShape) || outputShape.length !== $x.rank || !outputShape.every((d) => Number.isInteger(d) && d >= 1)) {
      throw new ArgumentError(
        `${op}: outputShape must have ${$x.rank} positive dimensions like x ${formatShape($x.shape)}, got ${JSON.stringify(outputShape)}`,
      );
    }
    const out4: [number, number, number, number] = unbatched
      ? [1, outputShape[0], outputShape[1], outputShape[2]]
      : [outputShape[0], outputShape[1], outputShape[2], outputShape[3] ?? 0];
    if (x4.shape[3] !== $filter.shape[3]) {
      throw new ShapeError(
        `${op}: input depth (${x4.shape[3]}) must equal the filter's last dimension (${$filter.shape[3]}); filter ${formatShape($filter.shape)}`,
      );
    }
    if (out4[3] !== $filter.shape[2]) {
      throw new ShapeError(
        `${op}: outputShape depth (${out4[3]}) must equal the filter's third dimension (${$filter.shape[2]}); filter ${formatShape($filter.shape)}`,
      );
    }
    const s = pair(op, 'strides', strides);
    const padding = resolvePad(op, pad, [out4[1], out4[2]], [$filter.shape[0], $filter.shape[1]], s, [1, 1]);
    const expected = [
      out4[0],
      convOutSize(out4[1], $filter.shape[0], s[0], 1, padding.top, padding.bottom),
      convOutSize(out4[2], $filter.shape[1], s[1], 1, padding.left, padding.right),
      $filter.shape[3],
    ];
    if (expected.some((d, i) => d !== x4.shape[i])) {
      throw new ShapeError(
        `${op}: outputShape ${formatShape(outputShape)} with strides [${s}] and pad ${JSON.stringify(pad)} needs input of shape ${formatShape(unbatched ? expected.slice(1) : expected)}, got ${formatShape($x.shape)}`,
      );
    }
    const y = ENGINE.runKernel(
      'conv2dBackpropInput',
      { dy: x4, filter: $filter },
      { strides: s, pad: padding, dilations: [1, 1], inputShape: out4 },
    );
    return unbatched ? ENGINE.reshape(y, out4.slice(1)) : y;
  });
}
