/**
 * Keras' SGD: velocity = momentum * velocity - lr * g; var += velocity (nesterov: var +=
 * momentum * velocity - lr * g); without momentum var -= lr * g. Runs core's fused in-place
 * `applySgd`, so one step is one kernel per variable on backends that have it.
 */
import { TensileError, applySgd, type Tensor, type Variable } from '@tensile/core';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

export interface SGDConfig extends OptimizerConfig {
  /** Default 0 (plain gradient descent). */
  momentum?: number;
  /** Default false. */
  nesterov?: boolean;
}

export class SGD extends Optimizer {
  readonly className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;
  private velocities: Variable[] = [];

  constructor(config: SGDConfig = {}) {
    super({ name: 'sgd', ...config }, 0.01);
    this.momentum = config.momentum ?? 0;
    this.nesterov = config.nesterov ?? false;
    if (!(this.momentum >= 0 && this.momentum <= 1)) {
      throw new TensileError(`sgd: momentum must be in [0, 1], got ${String(config.momentum)}`);
    }
  }

  override build(vars: readonly Variable[]): void {
    super.build(vars);
    // Velocity exists only with momentum: plain SGD keeps no state (as Keras).
    this.velocities = this.momentum > 0 ? vars.map((v) => this.addVariable(v, 'momentum')) : [];
  }

  updateStep(grad: Tensor, variable: Variable, lr: number): void {
    const velocity = this.momentum > 0 ? this.velocities[this.variableIndex(variable)] : undefined;
    applySgd(variable, grad, { learningRate: lr, momentum: this.momentum, nesterov: this.nesterov, velocity });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }

  override dispose(): void {
    super.dispose();
    this.velocities = [];
  }
}
