/**
 * Keras' SGD: velocity = momentum * velocity - lr * g; var += velocity (nesterov: var +=
 * momentum * velocity - lr * g); without momentum var -= lr * g. Runs core's fused in-place
 * `applySgd`, so one step is one kernel per variable on backends that have it.
 */
import { applySgd, type Tensor, type Variable } from '@tensile/core';
import { Optimizer, type OptimizerConfig } from './optimizer.js';
import { BASE_OPTIONS, checkOptions, flag, unitInterval, type OptionRules } from './options.js';

export interface SGDConfig extends OptimizerConfig {
  /** Default 0 (plain gradient descent). */
  momentum?: number;
  /** Default false. */
  nesterov?: boolean;
}

export const SGD_OPTIONS = { ...BASE_OPTIONS, momentum: unitInterval, nesterov: flag } satisfies OptionRules<SGDConfig>;

export class SGD extends Optimizer {
  readonly className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;
  private velocities: Variable[] = [];

  /** A config, or the learning rate alone (Keras' and TensorFlow.js' first positional argument). */
  constructor(config: number | SGDConfig = {}) {
    const c: SGDConfig = typeof config === 'number' ? { learningRate: config } : config;
    checkOptions('sgd', c, SGD_OPTIONS);
    super({ name: 'sgd', ...c }, 0.01);
    this.momentum = c.momentum ?? 0;
    this.nesterov = c.nesterov ?? false;
  }

  override build(vars: readonly Variable[]): void {
    super.build(vars);
    // Velocity exists only with momentum: plain SGD keeps no state (as Keras).
    this.velocities = this.momentum > 0 ? vars.map((v) => this.addVariable(v, 'momentum')) : [];
  }

  override get readsRateLive(): boolean {
    // Weight decay scales the variable by a rate baked into the plan (Optimizer.applyGradients).
    return !this.weightDecay;
  }

  updateStep(grad: Tensor, variable: Variable, lr: number): void {
    const velocity = this.momentum > 0 ? this.velocities[this.variableIndex(variable)] : undefined;
    // A function, so a compiled step's replays read the learning rate (a schedule's) of their own step.
    let first = true;
    applySgd(variable, grad, () => {
      const o = { learningRate: first ? lr : this.learningRate, momentum: this.momentum, nesterov: this.nesterov, velocity };
      first = false;
      return o;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }

  override dispose(): void {
    super.dispose();
    this.velocities = [];
  }
}
