/**
 * Keras' Adadelta: accGrad = rho accGrad + (1 - rho) g²; delta = sqrt(accDelta + eps) /
 * sqrt(accGrad + eps) * g; accDelta = rho accDelta + (1 - rho) delta²; var -= lr * delta.
 * TensorFlow.js' `train.adadelta` is the same update.
 */
import { add, div, mul, sqrt, square, sub, type Tensor, type Variable } from '@tensile/core';
import { Optimizer, type OptimizerConfig } from './optimizer.js';
import { BASE_OPTIONS, belowOne, checkOptions, positive, type OptionRules } from './options.js';

export interface AdadeltaConfig extends OptimizerConfig {
  /** Decay of both running averages. Default 0.95. */
  rho?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

export const ADADELTA_OPTIONS = { ...BASE_OPTIONS, rho: belowOne, epsilon: positive } satisfies OptionRules<AdadeltaConfig>;

export class Adadelta extends Optimizer {
  readonly className = 'Adadelta';
  readonly rho: number;
  readonly epsilon: number;
  private accGrads: Variable[] = [];
  private accDeltas: Variable[] = [];

  /** A config, or the learning rate alone. */
  constructor(config: number | AdadeltaConfig = {}) {
    const c: AdadeltaConfig = typeof config === 'number' ? { learningRate: config } : config;
    checkOptions('adadelta', c, ADADELTA_OPTIONS);
    super({ name: 'adadelta', ...c }, 0.001);
    this.rho = c.rho ?? 0.95;
    this.epsilon = c.epsilon ?? 1e-7;
  }

  override build(vars: readonly Variable[]): void {
    super.build(vars);
    this.accGrads = vars.map((x) => this.addVariable(x, 'accumulated_grad'));
    this.accDeltas = vars.map((x) => this.addVariable(x, 'accumulated_delta_var'));
  }

  updateStep(grad: Tensor, variable: Variable, lr: number): void {
    const i = this.variableIndex(variable);
    const accGrad = this.accGrads[i];
    const accDelta = this.accDeltas[i];
    accGrad.assign(add(mul(accGrad, this.rho), mul(square(grad), 1 - this.rho)));
    const delta = mul(div(sqrt(add(accDelta, this.epsilon)), sqrt(add(accGrad, this.epsilon))), grad);
    accDelta.assign(add(mul(accDelta, this.rho), mul(square(delta), 1 - this.rho)));
    variable.assign(sub(variable, mul(delta, lr)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }

  override dispose(): void {
    super.dispose();
    this.accGrads = [];
    this.accDeltas = [];
  }
}
