/**
 * Keras' Adagrad: accumulator += g²; var -= lr * g / sqrt(accumulator + eps), with the
 * accumulator starting at `initialAccumulatorValue` (0.1) so the first steps are not huge.
 */
import { add, div, mul, sqrt, square, sub, type Tensor, type Variable } from '@tensile/core';
import { Optimizer, type OptimizerConfig } from './optimizer.js';
import { BASE_OPTIONS, checkOptions, nonNegative, positive, type OptionRules } from './options.js';

export interface AdagradConfig extends OptimizerConfig {
  /** Default 0.1. */
  initialAccumulatorValue?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

export const ADAGRAD_OPTIONS = {
  ...BASE_OPTIONS,
  initialAccumulatorValue: nonNegative,
  epsilon: positive,
} satisfies OptionRules<AdagradConfig>;

export class Adagrad extends Optimizer {
  readonly className = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  private accumulators: Variable[] = [];

  /** A config, or the learning rate alone (Keras' and TensorFlow.js' first positional argument). */
  constructor(config: number | AdagradConfig = {}) {
    const c: AdagradConfig = typeof config === 'number' ? { learningRate: config } : config;
    checkOptions('adagrad', c, ADAGRAD_OPTIONS);
    super({ name: 'adagrad', ...c }, 0.001);
    this.initialAccumulatorValue = c.initialAccumulatorValue ?? 0.1;
    this.epsilon = c.epsilon ?? 1e-7;
  }

  override build(vars: readonly Variable[]): void {
    super.build(vars);
    this.accumulators = vars.map((v) => this.addVariable(v, 'accumulator', this.initialAccumulatorValue));
  }

  updateStep(grad: Tensor, variable: Variable, lr: number): void {
    const acc = this.accumulators[this.variableIndex(variable)];
    acc.assign(add(acc, square(grad)));
    variable.assign(sub(variable, div(mul(grad, lr), sqrt(add(acc, this.epsilon)))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }

  override dispose(): void {
    super.dispose();
    this.accumulators = [];
  }
}
