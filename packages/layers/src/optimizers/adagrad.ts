/**
 * Keras' Adagrad: accumulator += g²; var -= lr * g / sqrt(accumulator + eps), with the
 * accumulator starting at `initialAccumulatorValue` (0.1) so the first steps are not huge.
 */
import { TensileError, add, div, mul, sqrt, square, sub, type Tensor, type Variable } from '@tensile/core';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

export interface AdagradConfig extends OptimizerConfig {
  /** Default 0.1. */
  initialAccumulatorValue?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

export class Adagrad extends Optimizer {
  readonly className = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  private accumulators: Variable[] = [];

  constructor(config: AdagradConfig = {}) {
    super({ name: 'adagrad', ...config }, 0.001);
    this.initialAccumulatorValue = config.initialAccumulatorValue ?? 0.1;
    this.epsilon = config.epsilon ?? 1e-7;
    if (!(this.initialAccumulatorValue >= 0)) {
      throw new TensileError(`adagrad: initialAccumulatorValue must be non-negative, got ${String(config.initialAccumulatorValue)}`);
    }
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
