/**
 * Batch normalization, Keras semantics: in training, normalize with the batch's mean and (biased)
 * variance over every axis but `axis`, and move the moving statistics toward them
 * (moving = moving * momentum + batch * (1 - momentum)); at inference, use the moving statistics.
 * A frozen layer (`trainable = false`) runs in inference mode even in training, as in Keras 3:
 * fine-tuning a pretrained model relies on its statistics staying put.
 */
import { add, ArgumentError, mean, mul, reshape, rsqrt, ShapeError, square, sub, type Tensor, type Variable } from '@tensile/core';
import { getInitializer, serializeInitializer, type Initializer } from '../../initializers.js';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { getRegularizer, serializeRegularizer, type Regularizer } from '../../regularizers.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import type { InitializerArg, RegularizerArg } from '../utils.js';

export interface BatchNormalizationArgs extends LayerArgs {
  axis?: number;
  momentum?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: InitializerArg;
  gammaInitializer?: InitializerArg;
  movingMeanInitializer?: InitializerArg;
  movingVarianceInitializer?: InitializerArg;
  betaRegularizer?: RegularizerArg | null;
  gammaRegularizer?: RegularizerArg | null;
}

export class BatchNormalization extends Layer {
  static override readonly className = 'BatchNormalization';
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private readonly inits: Record<'beta' | 'gamma' | 'movingMean' | 'movingVariance', Initializer>;
  private readonly betaRegularizer: Regularizer | undefined;
  private readonly gammaRegularizer: Regularizer | undefined;
  gamma: Variable | undefined;
  beta: Variable | undefined;
  movingMean: Variable | undefined;
  movingVariance: Variable | undefined;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    this.axis = args.axis ?? -1;
    this.momentum = args.momentum ?? 0.99;
    this.epsilon = args.epsilon ?? 1e-3;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    if (!Number.isInteger(this.axis)) throw new ArgumentError(`${this.name}: axis must be an integer, got ${JSON.stringify(args.axis)}`);
    if (!(this.momentum >= 0 && this.momentum <= 1))
      throw new ArgumentError(`${this.name}: momentum must be in [0, 1], got ${this.momentum}`);
    if (!(this.epsilon > 0)) throw new ArgumentError(`${this.name}: epsilon must be positive, got ${this.epsilon}`);
    this.inits = {
      beta: getInitializer(args.betaInitializer, 'zeros'),
      gamma: getInitializer(args.gammaInitializer, 'ones'),
      movingMean: getInitializer(args.movingMeanInitializer, 'zeros'),
      movingVariance: getInitializer(args.movingVarianceInitializer, 'ones'),
    };
    this.betaRegularizer = getRegularizer(args.betaRegularizer);
    this.gammaRegularizer = getRegularizer(args.gammaRegularizer);
  }

  private resolvedAxis(rank: number): number {
    const a = this.axis < 0 ? this.axis + rank : this.axis;
    if (a < 1 || a >= rank)
      throw new ShapeError(
        `${this.name}: axis ${this.axis} is out of range for inputs of rank ${rank} (the batch axis cannot be normalized over itself)`,
      );
    return a;
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const s = singleShape(this.name, inputShape);
    const dim = s[this.resolvedAxis(s.length)];
    if (dim === null) throw new ShapeError(`${this.name}: axis ${this.axis} of the input (${s.join(', ')}) must have a known size`);
    if (this.scale) this.gamma = this.addWeight('gamma', [dim], 'float32', this.inits.gamma, this.gammaRegularizer);
    if (this.center) this.beta = this.addWeight('beta', [dim], 'float32', this.inits.beta, this.betaRegularizer);
    this.movingMean = this.addWeight('moving_mean', [dim], 'float32', this.inits.movingMean, undefined, false);
    this.movingVariance = this.addWeight('moving_variance', [dim], 'float32', this.inits.movingVariance, undefined, false);
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    const movingMean = this.movingMean;
    const movingVariance = this.movingVariance;
    if (!movingMean || !movingVariance) throw new ShapeError(`${this.name}: called before build`);
    const axis = this.resolvedAxis(x.rank);
    const dim = x.shape[axis];
    // Parameters of shape [dim] broadcast against x once placed on `axis`.
    const paramShape = x.shape.map((_d, i) => (i === axis ? dim : 1));
    const asParam = (t: Tensor): Tensor => (axis === x.rank - 1 ? t : reshape(t, paramShape));
    let m: Tensor;
    let v: Tensor;
    if (options.training && this.trainable) {
      const axes = x.shape.map((_, i) => i).filter((i) => i !== axis);
      m = mean(x, axes, true);
      v = mean(square(sub(x, m)), axes, true);
      const update = (moving: Variable, batch: Tensor): void =>
        moving.assign(add(mul(moving, this.momentum), mul(reshape(batch, [dim]), 1 - this.momentum)));
      update(movingMean, m);
      update(movingVariance, v);
    } else {
      m = asParam(movingMean);
      v = asParam(movingVariance);
    }
    let y = mul(sub(x, m), rsqrt(add(v, this.epsilon)));
    if (this.gamma) y = mul(y, asParam(this.gamma));
    if (this.beta) y = add(y, asParam(this.beta));
    return y;
  }

  /** Elementwise: the output has the input's shape. */
  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return singleShape(this.name, inputShape);
  }

  override getConfig(): ConfigDict {
    return {
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: serializeInitializer(this.inits.beta),
      gammaInitializer: serializeInitializer(this.inits.gamma),
      movingMeanInitializer: serializeInitializer(this.inits.movingMean),
      movingVarianceInitializer: serializeInitializer(this.inits.movingVariance),
      betaRegularizer: serializeRegularizer(this.betaRegularizer),
      gammaRegularizer: serializeRegularizer(this.gammaRegularizer),
      betaConstraint: null,
      gammaConstraint: null,
      ...super.getConfig(),
    };
  }

  static override fromConfig(config: ConfigDict): BatchNormalization {
    const r = new ConfigReader(config, 'BatchNormalization');
    const axis = r.optNumbers('axis');
    return new BatchNormalization({
      ...baseArgs(r),
      // Keras may write the axis as a one-element list.
      axis: Array.isArray(axis) ? axis[0] : axis,
      momentum: r.optNumber('momentum'),
      epsilon: r.optNumber('epsilon'),
      center: r.optBoolean('center'),
      scale: r.optBoolean('scale'),
      betaInitializer: getInitializer(r.optIdentifier('betaInitializer'), 'zeros'),
      gammaInitializer: getInitializer(r.optIdentifier('gammaInitializer'), 'ones'),
      movingMeanInitializer: getInitializer(r.optIdentifier('movingMeanInitializer'), 'zeros'),
      movingVarianceInitializer: getInitializer(r.optIdentifier('movingVarianceInitializer'), 'ones'),
      betaRegularizer: getRegularizer(r.optIdentifier('betaRegularizer')),
      gammaRegularizer: getRegularizer(r.optIdentifier('gammaRegularizer')),
    });
  }
}
