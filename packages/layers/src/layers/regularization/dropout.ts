/**
 * Sets a fraction `rate` of the inputs to 0 during training and scales the rest by 1/(1 - rate);
 * the identity at inference. With a `seed`, the masks are reproducible: call k draws from a
 * stream derived from (seed, k), so every backend drops the same units.
 */
import { ArgumentError, cast, div, greaterEqual, hash32, mul, randomUniform, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';

export interface DropoutArgs extends LayerArgs {
  rate: number;
  /** Shape of the mask, broadcast over the input (null entries take the input's size). */
  noiseShape?: readonly (number | null)[] | null;
  seed?: number | null;
}

export class Dropout extends Layer {
  static override readonly className = 'Dropout';
  readonly rate: number;
  readonly noiseShape: readonly (number | null)[] | undefined;
  readonly seed: number | undefined;
  private calls = 0;

  constructor(args: DropoutArgs) {
    super(args);
    // Elementwise over time steps, so a sequence mask passes through (as Keras and TF.js).
    this.supportsMasking = true;
    if (typeof args.rate !== 'number' || !(args.rate >= 0 && args.rate < 1)) {
      throw new ArgumentError(`${this.name}: rate must be a number in [0, 1), got ${JSON.stringify(args.rate)}`);
    }
    this.rate = args.rate;
    this.noiseShape = args.noiseShape ?? undefined;
    this.seed = args.seed ?? undefined;
  }

  call(inputs: Tensor | Tensor[], options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    if (!options.training || this.rate === 0) return x;
    const shape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? x.shape[i]) : x.shape;
    const seed = this.seed === undefined ? undefined : hash32((this.seed ^ Math.imul(++this.calls, 0x9e3779b1)) >>> 0);
    const keep = cast(greaterEqual(randomUniform(shape, 0, 1, 'float32', seed), this.rate), 'float32');
    return mul(x, div(keep, 1 - this.rate));
  }

  /** Elementwise: the output has the input's shape. */
  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return singleShape(this.name, inputShape);
  }

  override getConfig(): ConfigDict {
    return { rate: this.rate, noiseShape: this.noiseShape ? [...this.noiseShape] : null, seed: this.seed ?? null, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): Dropout {
    const r = new ConfigReader(config, 'Dropout');
    return new Dropout({ ...baseArgs(r), rate: r.number('rate'), noiseShape: r.optShape('noiseShape'), seed: r.optNumber('seed') });
  }
}
