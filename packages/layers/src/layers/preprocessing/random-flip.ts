/**
 * Randomly mirrors images during training (Keras 3's `RandomFlip`; TensorFlow.js 4.22 has none):
 * each image of the batch is flipped with probability 1/2 along the width ('horizontal'), the
 * height ('vertical') or, with one draw for both as Keras 3 does, both
 * ('horizontal_and_vertical', the default). At inference (training not true) inputs pass through
 * unchanged. With a `seed`, call k draws from a stream derived from (seed, k), as Dropout.
 */
import { ArgumentError, gather, hash32, ModelFormatError, less, randomUniform, reshape, type Tensor, tensor, where } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { checkImages } from './image-utils.js';

export type FlipMode = 'horizontal' | 'vertical' | 'horizontal_and_vertical';
const MODES: readonly FlipMode[] = ['horizontal', 'vertical', 'horizontal_and_vertical'];

export interface RandomFlipArgs extends LayerArgs {
  mode?: FlipMode;
  seed?: number | null;
}

export class RandomFlip extends Layer {
  static override readonly className = 'RandomFlip';
  readonly mode: FlipMode;
  readonly seed: number | undefined;
  private calls = 0;

  constructor(args: RandomFlipArgs = {}) {
    super(args);
    const mode = args.mode ?? 'horizontal_and_vertical';
    if (!MODES.includes(mode)) {
      throw new ArgumentError(
        `${this.name}: mode must be one of ${MODES.map((m) => `'${m}'`).join(', ')}, got ${JSON.stringify(args.mode)}`,
      );
    }
    this.mode = mode;
    if (args.seed !== undefined && args.seed !== null && !Number.isInteger(args.seed)) {
      throw new ArgumentError(`${this.name}: seed must be an integer, got ${JSON.stringify(args.seed)}`);
    }
    this.seed = args.seed ?? undefined;
  }

  call(inputs: Tensor | Tensor[], options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    checkImages(this.name, x.shape);
    if (!options.training) return x;
    const r = x.rank;
    let flipped = x;
    if (this.mode !== 'vertical') flipped = reverse(flipped, r - 2);
    if (this.mode !== 'horizontal') flipped = reverse(flipped, r - 3);
    const batch = r === 4 ? x.shape[0] : 1;
    const seed = this.seed === undefined ? undefined : hash32((this.seed ^ Math.imul(++this.calls, 0x9e3779b1)) >>> 0);
    const flips = less(randomUniform([batch], 0, 1, 'float32', seed), 0.5);
    return where(reshape(flips, r === 4 ? [batch, 1, 1, 1] : [1, 1, 1]), flipped, x);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    checkImages(this.name, s);
    return s;
  }

  override getConfig(): ConfigDict {
    return { mode: this.mode, seed: this.seed ?? null, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): RandomFlip {
    const r = new ConfigReader(config, 'RandomFlip');
    const mode = r.optString('mode');
    if (mode !== undefined && !MODES.includes(mode as FlipMode)) {
      throw new ModelFormatError(`RandomFlip: config field 'mode' must be one of ${MODES.join(', ')}, got ${JSON.stringify(mode)}`);
    }
    const format = r.optString('dataFormat');
    if (format !== undefined && format !== 'channels_last') {
      throw new ModelFormatError(`RandomFlip: only data_format 'channels_last' is supported, got ${JSON.stringify(format)}`);
    }
    return new RandomFlip({ ...baseArgs(r), mode: mode as FlipMode | undefined, seed: r.optNumber('seed') });
  }
}

function reverse(x: Tensor, axis: number): Tensor {
  const n = x.shape[axis];
  return gather(
    x,
    tensor(
      Int32Array.from({ length: n }, (_, i) => n - 1 - i),
      [n],
      'int32',
    ),
    axis,
  );
}
