/**
 * Keras' RMSprop: velocity = rho * velocity + (1 - rho) g²; centered also tracks the mean
 * gradient and uses velocity - mean² as the variance; increment = lr * g / sqrt(denominator + eps);
 * with momentum the increment feeds a momentum buffer that is subtracted instead.
 */
import { TensileError, add, div, mul, sqrt, square, sub, type Tensor, type Variable } from '@tensile/core';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

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

export class RMSprop extends Optimizer {
  readonly className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  private velocities: Variable[] = [];
  private momentums: Variable[] = [];
  private averageGradients: Variable[] = [];

  constructor(config: RMSpropConfig = {}) {
    super({ name: 'rmsprop', ...config }, 0.001);
    this.rho = config.rho ?? 0.9;
    this.momentum = config.momentum ?? 0;
    this.epsilon = config.epsilon ?? 1e-7;
    this.centered = config.centered ?? false;
    if (!(this.rho >= 0 && this.rho < 1)) throw new TensileError(`rmsprop: rho must be in [0, 1), got ${String(config.rho)}`);
    if (!(this.momentum >= 0 && this.momentum <= 1)) throw new TensileError(`rmsprop: momentum must be in [0, 1], got ${String(config.momentum)}`);
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
