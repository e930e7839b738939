/**
 * Keras' Adamax (Adam with the infinity norm): m = b1 m + (1 - b1) g; u = max(b2 u, |g|);
 * var -= lr / (1 - b1^t) * m / (u + eps), t counted from 1. TensorFlow.js' `train.adamax` is the
 * same update (its extra `decay` argument, a 1/(1 + decay * t) learning-rate schedule, maps to a
 * schedule here).
 */
import { abs, add, div, maximum, mul, sub, type Tensor, type Variable } from '@tensile/core';
import { Optimizer, type OptimizerConfig } from './optimizer.js';
import { BASE_OPTIONS, belowOne, checkOptions, positive, type OptionRules } from './options.js';

export interface AdamaxConfig extends OptimizerConfig {
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

export const ADAMAX_OPTIONS = { ...BASE_OPTIONS, beta1: belowOne, beta2: belowOne, epsilon: positive } satisfies OptionRules<AdamaxConfig>;

export class Adamax extends Optimizer {
  readonly className = 'Adamax';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private m: Variable[] = [];
  private u: Variable[] = [];

  /** A config, or the learning rate alone. */
  constructor(config: number | AdamaxConfig = {}) {
    const c: AdamaxConfig = typeof config === 'number' ? { learningRate: config } : config;
    checkOptions('adamax', c, ADAMAX_OPTIONS);
    super({ name: 'adamax', ...c }, 0.001);
    this.beta1 = c.beta1 ?? 0.9;
    this.beta2 = c.beta2 ?? 0.999;
    this.epsilon = c.epsilon ?? 1e-7;
  }

  override build(vars: readonly Variable[]): void {
    super.build(vars);
    this.m = vars.map((x) => this.addVariable(x, 'm'));
    this.u = vars.map((x) => this.addVariable(x, 'u'));
  }

  updateStep(grad: Tensor, variable: Variable, lr: number): void {
    const i = this.variableIndex(variable);
    const m = this.m[i];
    const u = this.u[i];
    const t = this.iterations + 1;
    m.assign(add(mul(m, this.beta1), mul(grad, 1 - this.beta1)));
    u.assign(maximum(mul(u, this.beta2), abs(grad)));
    variable.assign(sub(variable, div(mul(m, lr / (1 - this.beta1 ** t)), add(u, this.epsilon))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  override dispose(): void {
    super.dispose();
    this.m = [];
    this.u = [];
  }
}
