/**
 * Keras' Adam: m += (g - m)(1 - b1); v += (g² - v)(1 - b2);
 * var -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps), t counted from 1.
 * Runs core's fused in-place `applyAdam`.
 */
import { applyAdam, type Tensor, type Variable } from '@tensile/core';
import { Optimizer, type OptimizerConfig } from './optimizer.js';
import { BASE_OPTIONS, belowOne, checkOptions, positive, type OptionRules } from './options.js';

export interface AdamConfig extends OptimizerConfig {
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-7 (Keras; TensorFlow.js uses 1e-7 too). */
  epsilon?: number;
}

export const ADAM_OPTIONS = { ...BASE_OPTIONS, beta1: belowOne, beta2: belowOne, epsilon: positive } satisfies OptionRules<AdamConfig>;

export class Adam extends Optimizer {
  readonly className: string = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private m: Variable[] = [];
  private v: Variable[] = [];

  /** A config, or the learning rate alone (Keras' and TensorFlow.js' first positional argument). */
  constructor(config: number | AdamConfig = {}) {
    const c: AdamConfig = typeof config === 'number' ? { learningRate: config } : config;
    checkOptions('adam', c, ADAM_OPTIONS);
    super({ name: 'adam', ...c }, 0.001);
    this.beta1 = c.beta1 ?? 0.9;
    this.beta2 = c.beta2 ?? 0.999;
    this.epsilon = c.epsilon ?? 1e-7;
  }

  override build(vars: readonly Variable[]): void {
    super.build(vars);
    this.m = vars.map((x) => this.addVariable(x, 'm'));
    this.v = vars.map((x) => this.addVariable(x, 'v'));
  }

  override get readsRateLive(): boolean {
    // Weight decay scales the variable by a rate baked into the plan (Optimizer.applyGradients).
    return !this.weightDecay;
  }

  updateStep(grad: Tensor, variable: Variable, lr: number): void {
    const i = this.variableIndex(variable);
    // A function, so a compiled step's replays compute the step number and rate of their own step.
    let first = true;
    applyAdam(variable, grad, this.m[i], this.v[i], () => {
      const o = {
        learningRate: first ? lr : this.learningRate,
        beta1: this.beta1,
        beta2: this.beta2,
        epsilon: this.stepEpsilon(this.iterations + 1),
        step: this.iterations + 1,
      };
      first = false;
      return o;
    });
  }

  /** The epsilon of step `t` (from 1): Keras adds it to sqrt(v) unscaled. */
  protected stepEpsilon(_t: number): number {
    return this.epsilon;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  override dispose(): void {
    super.dispose();
    this.m = [];
    this.v = [];
  }
}

/**
 * TensorFlow.js' Adam (what `train.adam` makes): the same update, but epsilon is added to the
 * bias-corrected sqrt(v / (1 - b2^t)) instead of sqrt(v), which is Keras' update with epsilon
 * scaled by sqrt(1 - b2^t) at step t. The two differ only while epsilon is not negligible.
 */
export class TfjsAdam extends Adam {
  protected override stepEpsilon(t: number): number {
    return this.epsilon * Math.sqrt(1 - this.beta2 ** t);
  }
}
