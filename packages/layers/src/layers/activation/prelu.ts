/**
 * Parametric ReLU: `x` for x > 0, `alpha * x` otherwise, with `alpha` a learned weight of the
 * input's shape (without the batch axis), shared (size 1) along `sharedAxes`, as Keras 3's `PReLU`
 * and TensorFlow.js 4.22's `tf.layers.prelu`. The weight is named `alpha`, as both name it.
 * Constraints are not supported: a file with a non-null `alpha_constraint` fails to load.
 */
import { ArgumentError, ModelFormatError, mul, neg, relu, ShapeError, sub, type Tensor, type Variable } from '@tensile/core';
import { getInitializer, serializeInitializer, type Initializer } from '../../initializers.js';
import { baseArgs, singleShape, type LayerArgs } from '../../layer.js';
import { getRegularizer, serializeRegularizer, type Regularizer } from '../../regularizers.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import type { InitializerArg, RegularizerArg } from '../utils.js';
import { ElementwiseActivation } from './elementwise.js';

export interface PReLUArgs extends LayerArgs {
  /** Initial alpha (default zeros, as Keras and TF.js). */
  alphaInitializer?: InitializerArg;
  alphaRegularizer?: RegularizerArg | null;
  /** Axes (1-based, the batch axis is 0) along which one alpha is shared, e.g. [1, 2] for images. */
  sharedAxes?: number | number[] | null;
}

export class PReLU extends ElementwiseActivation {
  static override readonly className = 'PReLU';
  readonly alphaInitializer: Initializer;
  readonly alphaRegularizer: Regularizer | undefined;
  readonly sharedAxes: number[] | undefined;
  alpha: Variable | undefined;

  constructor(args: PReLUArgs = {}) {
    super(args);
    this.alphaInitializer = getInitializer(args.alphaInitializer, 'zeros');
    this.alphaRegularizer = getRegularizer(args.alphaRegularizer);
    const s = args.sharedAxes;
    const list = s === undefined || s === null ? undefined : typeof s === 'number' ? [s] : s;
    if (list !== undefined && (!Array.isArray(list) || !list.every((a) => Number.isInteger(a) && a >= 1))) {
      throw new ArgumentError(
        `${this.name}: sharedAxes must be a positive integer or a list of them (axis 0 is the batch), got ${JSON.stringify(s)}`,
      );
    }
    this.sharedAxes = list ? [...list] : undefined;
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const shape = singleShape(this.name, inputShape);
    const paramShape = shape.slice(1);
    for (const axis of this.sharedAxes ?? []) {
      if (axis >= shape.length) {
        throw new ShapeError(`${this.name}: shared axis ${axis} is out of range for inputs of shape (${shape.map(String).join(', ')})`);
      }
      paramShape[axis - 1] = 1;
    }
    if (paramShape.some((d) => d === null)) {
      throw new ShapeError(
        `${this.name}: PReLU needs every non-shared dimension known, got input shape (${shape.map(String).join(', ')}); share the unknown axes with sharedAxes`,
      );
    }
    this.alpha = this.addWeight('alpha', paramShape as number[], 'float32', this.alphaInitializer, this.alphaRegularizer);
    super.build(inputShape);
  }

  protected activate(x: Tensor): Tensor {
    if (!this.alpha) throw new ShapeError(`${this.name}: called before build`);
    return sub(relu(x), mul(this.alpha, relu(neg(x))));
  }

  override getConfig(): ConfigDict {
    return {
      alphaInitializer: serializeInitializer(this.alphaInitializer),
      alphaRegularizer: serializeRegularizer(this.alphaRegularizer),
      alphaConstraint: null,
      sharedAxes: this.sharedAxes ? [...this.sharedAxes] : null,
      ...super.getConfig(),
    };
  }

  static override fromConfig(config: ConfigDict): PReLU {
    const r = new ConfigReader(config, 'PReLU');
    if (r.has('alphaConstraint')) {
      throw new ModelFormatError(
        `PReLU: alpha_constraint ${JSON.stringify(config.alphaConstraint)} is not supported (Tensile has no weight constraints)`,
      );
    }
    const shared = r.optNumbers('sharedAxes');
    return new PReLU({
      ...baseArgs(r),
      alphaInitializer: getInitializer(r.optIdentifier('alphaInitializer'), 'zeros'),
      alphaRegularizer: getRegularizer(r.optIdentifier('alphaRegularizer')),
      sharedAxes: shared,
    });
  }
}
