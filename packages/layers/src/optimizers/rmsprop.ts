/**
 * Keras' RMSprop: velocity = rho * velocity + (1 - rho) g²; centered also tracks the mean
 * gradient and uses velocity - mean² as the variance; increment = lr * g / sqrt(denominator + eps);
 * with momentum the increment feeds a momentum buffer that is subtracted instead.
 */
import { add, div, mul, sqrt, square, sub, type Tensor, type Variable } from '@tensile/core';
import { Optimizer, type OptimizerConfig } from './optimizer.js';
import { BASE_OPTIONS, belowOne, checkOptions, flag, positive, unitInterval, type OptionRules } from './options.js';

export interface RMSpropConfig extends OptimizerConfig {
  /** Discount of the squared-gradient average. Default 0.9. */
  rho?: number;
  /** Default 0. */
  momentum?: number;
  /** Default 1e-7. */
  epsilon?: number;
  /** Normalise by the variance rather than the second moment. Default false. */
  centered?: boolean;
}

export const RMSPROP_OPTIONS = {
  ...BASE_OPTIONS,
  rho: belowOne,
  momentum: unitInterval,
  epsilon: positive,
  centered: flag,
} satisfies OptionRules<RMSpropConfig>;

export class RMSprop extends Optimizer {
  readonly className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  private velocities: Variable[] = [];
  private momentums: Variable[] = [];
  private averageGradients: Variable[] = [];

  /** A config, or the learning rate alone (Keras' and TensorFlow.js' first positional argument). */
  constructor(config: number | RMSpropConfig = {}) {
    const c: RMSpropConfig = typeof config === 'number' ? { learningRate: config } : config;
    checkOptions('rmsprop', c, RMSPROP_OPTIONS);
    super({ name: 'rmsprop', ...c }, 0.001);
    this.rho = c.rho ?? 0.9;
    this.momentum = c.momentum ?? 0;
    this.epsilon = c.epsilon ?? 1e-7;
    this.centered = c.centered ?? false;
  }

  override build(vars: readonly Variable[]): void {
    super.build(vars);
    this.velocities = vars.map((v) => this.addVariable(v, 'velocity'));
    this.momentums = this.momentum > 0 ? vars.map((v) => this.addVariable(v, 'momentum')) : [];
    this.averageGradients = this.centered ? vars.map((v) => this.addVariable(v, 'average_gradient')) : [];
  }

  updateStep(grad: Tensor, variable: Variable, lr: number): void {
    const i = this.variableIndex(variable);
    const velocity = this.velocities[i];
    velocity.assign(add(mul(velocity, this.rho), mul(square(grad), 1 - this.rho)));
    let denominator: Tensor;
    if (this.centered) {
      const avg = this.averageGradients[i];
      avg.assign(add(mul(avg, this.rho), mul(grad, 1 - this.rho)));
      denominator = add(sub(velocity, square(avg)), this.epsilon);
    } else {
      denominator = add(velocity, this.epsilon);
    }
    const increment = div(mul(grad, lr), sqrt(denominator));
    if (this.momentum > 0) {
      const m = this.momentums[i];
      m.assign(add(mul(m, this.momentum), increment));
      variable.assign(sub(variable, m));
    } else {
      variable.assign(sub(variable, increment));
    }
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }

  override dispose(): void {
    super.dispose();
    this.velocities = [];
    this.momentums = [];
    this.averageGradients = [];
  }
}
