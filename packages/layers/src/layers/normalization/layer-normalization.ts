/**
 * Layer normalization, as Keras and TF.js' LayerNormalization: each sample normalized over
 * `axis` with its own mean and (biased) variance, then scaled by gamma and shifted by beta, both
 * shaped like the normalized axes.
 */
import { add, ArgumentError, moments, mul, reshape, rsqrt, ShapeError, sub, type Tensor, type Variable } from '@tensile/core';
import { getInitializer, serializeInitializer, type Initializer } from '../../initializers.js';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { getRegularizer, serializeRegularizer, type Regularizer } from '../../regularizers.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import type { InitializerArg, RegularizerArg } from '../utils.js';

export interface LayerNormalizationArgs extends LayerArgs {
  axis?: number | readonly number[];
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: InitializerArg;
  gammaInitializer?: InitializerArg;
  betaRegularizer?: RegularizerArg | null;
  gammaRegularizer?: RegularizerArg | null;
}

export class LayerNormalization extends Layer {
  static override readonly className = 'LayerNormalization';
  /** As given until build; then resolved to sorted non-negative axes (TF.js saves them so). */
  axis: number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private readonly betaInitializer: Initializer;
  private readonly gammaInitializer: Initializer;
  private readonly betaRegularizer: Regularizer | undefined;
  private readonly gammaRegularizer: Regularizer | undefined;
  gamma: Variable | undefined;
  beta: Variable | undefined;

  constructor(args: LayerNormalizationArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    this.axis = typeof axis === 'number' ? [axis] : [...axis];
    if (this.axis.length === 0 || !this.axis.every(Number.isInteger)) {
      throw new ArgumentError(`${this.name}: axis must be an integer or a non-empty list of them, got ${JSON.stringify(args.axis)}`);
    }
    this.epsilon = args.epsilon ?? 1e-3;
    if (!(this.epsilon > 0)) throw new ArgumentError(`${this.name}: epsilon must be positive, got ${this.epsilon}`);
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.betaInitializer = getInitializer(args.betaInitializer, 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer, 'ones');
    this.betaRegularizer = getRegularizer(args.betaRegularizer);
    this.gammaRegularizer = getRegularizer(args.gammaRegularizer);
  }

  private resolveAxes(rank: number): number[] {
    const axes = this.axis.map((a) => (a < 0 ? a + rank : a));
    if (axes.some((a) => a < 1 || a >= rank) || new Set(axes).size !== axes.length) {
      throw new ArgumentError(
        `${this.name}: axis ${JSON.stringify(this.axis)} must name distinct non-batch axes of a rank-${rank} input (1 to ${rank - 1}, or negative)`,
      );
    }
    return axes.sort((a, b) => a - b);
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const s = singleShape(this.name, inputShape);
    this.axis = this.resolveAxes(s.length);
    const paramShape = this.axis.map((a) => s[a]);
    if (paramShape.some((d) => d === null)) {
      throw new ShapeError(
        `${this.name}: LayerNormalization needs the normalized axes ${JSON.stringify(this.axis)} known, got (${s.map(String).join(', ')})`,
      );
    }
    const shape = paramShape as number[];
    if (this.scale) this.gamma = this.addWeight('gamma', shape, 'float32', this.gammaInitializer, this.gammaRegularizer);
    if (this.center) this.beta = this.addWeight('beta', shape, 'float32', this.betaInitializer, this.betaRegularizer);
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return singleShape(this.name, inputShape);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    const axes = this.resolveAxes(x.rank);
    const { mean, variance } = moments(x, axes, true);
    let y = mul(sub(x, mean), rsqrt(add(variance, this.epsilon)));
    // gamma and beta broadcast along the axes they do not cover.
    const broadcast = x.shape.map((d, i) => (axes.includes(i) ? d : 1));
    if (this.gamma) y = mul(y, reshape(this.gamma, broadcast));
    if (this.beta) y = add(y, reshape(this.beta, broadcast));
    return y;
  }

  override getConfig(): ConfigDict {
    return {
      axis: [...this.axis],
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: serializeInitializer(this.betaInitializer),
      gammaInitializer: serializeInitializer(this.gammaInitializer),
      betaRegularizer: serializeRegularizer(this.betaRegularizer),
      gammaRegularizer: serializeRegularizer(this.gammaRegularizer),
      ...super.getConfig(),
    };
  }

  static override fromConfig(config: ConfigDict): LayerNormalization {
    const r = new ConfigReader(config, 'LayerNormalization');
    return new LayerNormalization({
      ...baseArgs(r),
      axis: r.optNumbers('axis'),
      epsilon: r.optNumber('epsilon'),
      center: r.optBoolean('center'),
      scale: r.optBoolean('scale'),
      betaInitializer: getInitializer(r.optIdentifier('betaInitializer'), 'zeros'),
      gammaInitializer: getInitializer(r.optIdentifier('gammaInitializer'), 'ones'),
      betaRegularizer: getRegularizer(r.optIdentifier('betaRegularizer')),
      gammaRegularizer: getRegularizer(r.optIdentifier('gammaRegularizer')),
    });
  }
}
