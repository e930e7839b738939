/**
 * Repeats rows and columns by integer factors, as TF.js 4.22's UpSampling2D: 'nearest' copies
 * each pixel, 'bilinear' interpolates as tf.image.resizeBilinear (alignCorners and
 * halfPixelCenters false: output pixel i samples input position i / factor, the last row and
 * column repeat at the edge). Keras 3's bilinear samples half-pixel centres instead; Tensile
 * follows TF.js so models saved by either predict the same in both.
 */
import { add, ArgumentError, concat, mul, reshape, ShapeError, slice, stack, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { checkDataFormat, normalizePair } from '../utils.js';

export type UpSamplingInterpolation = 'nearest' | 'bilinear';

export interface UpSampling2DArgs extends LayerArgs {
  size?: number | readonly [number, number];
  dataFormat?: 'channels_last';
  interpolation?: UpSamplingInterpolation;
}

/** Axis `axis` (1 or 2) of NHWC x stretched `factor` times. */
function upsampleAxis(x: Tensor, axis: 1 | 2, factor: number, interpolation: UpSamplingInterpolation): Tensor {
  if (factor === 1) return x;
  const n = x.shape[axis];
  let phases: Tensor[];
  if (interpolation === 'nearest') {
    phases = Array.from({ length: factor }, () => x);
  } else {
    // The next row (column), the last one repeated: what position i + 1 reads, clamped.
    const begin = [0, 0, 0, 0];
    begin[axis] = 1;
    const size = [-1, -1, -1, -1];
    size[axis] = n - 1;
    const lastBegin = [0, 0, 0, 0];
    lastBegin[axis] = n - 1;
    const lastSize = [-1, -1, -1, -1];
    lastSize[axis] = 1;
    const tail = slice(x, lastBegin, lastSize);
    const next = n > 1 ? concat([slice(x, begin, size), tail], axis) : tail;
    phases = Array.from({ length: factor }, (_, p) => (p === 0 ? x : add(mul(x, 1 - p / factor), mul(next, p / factor))));
  }
  const stacked = stack(phases, axis + 1);
  const shape = [...x.shape];
  shape[axis] = n * factor;
  return reshape(stacked, shape);
}

export class UpSampling2D extends Layer {
  static override readonly className = 'UpSampling2D';
  readonly size: [number, number];
  readonly interpolation: UpSamplingInterpolation;

  constructor(args: UpSampling2DArgs = {}) {
    super(args);
    this.size = normalizePair(this.name, 'size', args.size, 2);
    checkDataFormat(this.name, args.dataFormat);
    const interpolation = args.interpolation ?? 'nearest';
    if (interpolation !== 'nearest' && interpolation !== 'bilinear') {
      throw new ArgumentError(`${this.name}: interpolation must be 'nearest' or 'bilinear', got ${JSON.stringify(interpolation)}`);
    }
    this.interpolation = interpolation;
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    if (x.rank !== 4) {
      throw new ShapeError(
        `${this.name}: UpSampling2D needs rank-4 inputs [batch, height, width, channels], got shape [${x.shape.join(', ')}]`,
      );
    }
    return upsampleAxis(upsampleAxis(x, 1, this.size[0], this.interpolation), 2, this.size[1], this.interpolation);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    if (s.length !== 4) throw new ShapeError(`${this.name}: UpSampling2D needs rank-4 inputs, got (${s.map(String).join(', ')})`);
    return [s[0], s[1] === null ? null : s[1] * this.size[0], s[2] === null ? null : s[2] * this.size[1], s[3]];
  }

  override getConfig(): ConfigDict {
    return { size: [...this.size], dataFormat: 'channels_last', interpolation: this.interpolation, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): UpSampling2D {
    const r = new ConfigReader(config, 'UpSampling2D');
    const size = r.optNumbers('size');
    return new UpSampling2D({
      ...baseArgs(r),
      size: typeof size === 'number' || size === undefined ? size : [size[0], size[1] ?? size[0]],
      dataFormat: checkDataFormat('UpSampling2D', r.optString('dataFormat')),
      interpolation: r.optString('interpolation') as UpSamplingInterpolation | undefined,
    });
  }
}
