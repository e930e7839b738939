/**
 * The optimizer base, shaped like Keras 3's: `build(vars)` creates the state once,
 * `updateStep(grad, variable, lr)` updates one variable, `applyGradients` clips, applies weight
 * decay and calls `updateStep` for each pair. The learning rate is a plain number (or a schedule
 * of the step), so changing it (ReduceLROnPlateau) or reading it never touches the device.
 */
import {
  ArgumentError,
  TensileError,
  add,
  clipByValue,
  div,
  everyStep,
  dispose,
  fill,
  maximum,
  mul,
  scalar,
  sqrt,
  square,
  sub,
  sum,
  tidy,
  variable as makeVariable,
  variableGradPairs,
  variableGrads,
  Tensor,
  Variable,
} from '@tensile/core';
import { toGradientPairs, type GradientPairs, type NamedGradients } from './gradient-pairs.js';
import { BASE_OPTIONS, checkValues, nonNegative } from './options.js';

/** A learning rate that depends on the step (counted from 0), as Keras' LearningRateSchedule. */
export type LearningRateSchedule = (step: number) => number;

export interface OptimizerConfig {
  learningRate?: number | LearningRateSchedule;
  /** Each gradient is rescaled so its L2 norm is at most `clipnorm`. */
  clipnorm?: number;
  /** Each gradient element is clipped to [-clipvalue, clipvalue]. */
  clipvalue?: number;
  /** All gradients together are rescaled so their joint L2 norm is at most `globalClipnorm`. */
  globalClipnorm?: number;
  /** Decoupled weight decay: variable -= variable * weightDecay * lr before each update (Keras 3). */
  weightDecay?: number;
  name?: string;
}

/** The serialisable form (`optimizers.get` accepts it back). */
export interface SerializedOptimizer {
  className: string;
  config: Record<string, unknown>;
}

export abstract class Optimizer {
  /** Keras' class name, used in configs and by `optimizers.get`. */
  abstract readonly className: string;
  readonly name: string;
  readonly clipnorm?: number;
  readonly clipvalue?: number;
  readonly globalClipnorm?: number;
  readonly weightDecay?: number;
  /** Number of `applyGradients` calls so far (Keras' `iterations`), kept in JS: no readback. */
  iterations = 0;
  private lr: number | LearningRateSchedule;
  private built = false;
  private readonly index = new Map<Variable, number>();
  /** Every state variable this optimizer made, for `dispose` and `variables`. */
  private readonly state: Variable[] = [];

  constructor(config: OptimizerConfig, defaultLearningRate: number) {
    // Subclasses check their whole config first; this covers the base options of any subclass.
    checkValues(config.name ?? this.constructor.name.toLowerCase(), config, BASE_OPTIONS);
    this.name = config.name ?? this.constructor.name.toLowerCase();
    this.lr = config.learningRate ?? defaultLearningRate;
    const clips = (['clipnorm', 'clipvalue', 'globalClipnorm'] as const).filter((k) => config[k] !== undefined);
    if (clips.length > 1) {
      throw new ArgumentError(`${this.name}: pass at most one of clipnorm, clipvalue and globalClipnorm, got ${clips.join(', ')}`);
    }
    this.clipnorm = config.clipnorm;
    this.clipvalue = config.clipvalue;
    this.globalClipnorm = config.globalClipnorm;
    this.weightDecay = config.weightDecay;
  }

  /** The current learning rate (a schedule is evaluated at the current step). */
  get learningRate(): number {
    return typeof this.lr === 'number' ? this.lr : this.lr(this.iterations);
  }

  /** Sets a constant learning rate (callbacks such as ReduceLROnPlateau do this between epochs). */
  set learningRate(value: number) {
    if (!nonNegative.ok(value)) throw new ArgumentError(`${this.name}: learningRate must be ${nonNegative.want}, got ${String(value)}`);
    this.lr = value;
  }

  /** State variables (moments, accumulators), in creation order. */
  get variables(): readonly Variable[] {
    return this.state;
  }

  /** Creates the state for `vars`; called once, by the first `applyGradients` if not before. */
  build(vars: readonly Variable[]): void {
    if (this.built) return;
    vars.forEach((v, i) => this.index.set(v, i));
    this.built = true;
  }

  /** Applies one update to `variable` from `grad` (already clipped), with learning rate `lr`. */
  abstract updateStep(grad: Tensor, variable: Variable, lr: number): void;

  /**
   * @internal Whether a compiled step's replays see a changed learning rate: true where
   * `updateStep` hands the rate to its kernel as live attrs (Adam, SGD). Elsewhere the rate is
   * baked into the plan, so a compiled step traces again when it changes.
   */
  get readsRateLive(): boolean {
    return false;
  }

  /**
   * Applies gradients to their variables, as Keras' `apply_gradients([(grad, var), ...])`.
   * The first call builds the state for the variables it is given. TensorFlow.js' map of variable
   * name → gradient is taken too, once the optimizer knows its variables (see gradient-pairs.ts).
   */
  applyGradients(grads: GradientPairs | NamedGradients): void {
    const gradsAndVars = toGradientPairs(this.name, grads, this.built ? [...this.index.keys()] : null);
    if (!this.built) this.build(gradsAndVars.map(([, v]) => v));
    const lr = this.learningRate;
    tidy(() => {
      const clipped = this.clip(gradsAndVars.map(([g]) => g));
      gradsAndVars.forEach(([, v], i) => {
        if (!this.index.has(v)) {
          throw new TensileError(
            `${this.name}: variable '${v.name}' was not in the list the optimizer was built with; make a new optimizer for a new set of variables`,
          );
        }
        if (this.weightDecay) v.assign(sub(v, mul(v, this.weightDecay * lr)));
        this.updateStep(clipped[i], v, lr);
      });
    });
    // Counted in every replay of a compiled step too.
    everyStep(() => {
      this.iterations++;
    });
  }

  /**
   * TensorFlow.js' `minimize`: one step on the scalar `f()` over `varList` (default: every trainable
   * variable `f` touched). Returns the cost when `returnCost` is true (the caller disposes it), else
   * null. The first call builds the state for `varList` (or the variables `f` touched), so later
   * calls must update the same variables or a subset of them.
   */
  minimize(f: () => Tensor, returnCost = false, varList?: readonly Variable[]): Tensor | null {
    if (typeof f !== 'function')
      throw new ArgumentError(`${this.name}.minimize: f must be a function returning a scalar loss, got ${typeof f}`);
    if (varList !== undefined) this.checkVarList('minimize', varList);
    const { value, grads } = variableGradPairs(f, varList);
    try {
      if (grads.length === 0) {
        throw new ArgumentError(
          `${this.name}.minimize: the loss does not depend on any ${varList ? 'variable in varList' : 'trainable variable'}; nothing to minimize`,
        );
      }
      if (!this.built) this.build(varList ?? grads.map(([, v]) => v));
      this.applyGradients(grads);
    } catch (e) {
      value.dispose();
      throw e;
    } finally {
      dispose(grads.map(([g]) => g));
    }
    if (returnCost) return value;
    value.dispose();
    return null;
  }

  /**
   * TensorFlow.js' `computeGradients`: the value of `f()` and its gradients by variable name
   * (TensorFlow.js' map form), without applying them. The caller disposes both.
   */
  computeGradients(f: () => Tensor, varList?: readonly Variable[]): { value: Tensor; grads: Record<string, Tensor> } {
    if (varList !== undefined) this.checkVarList('computeGradients', varList);
    return variableGrads(f, varList);
  }

  private checkVarList(api: string, varList: unknown): void {
    if (!Array.isArray(varList) || varList.some((v) => !(v instanceof Variable))) {
      throw new ArgumentError(`${this.name}.${api}: varList must be an array of Variables, got ${describeList(varList)}`);
    }
  }

  /** Keras' config keys, camelCased. */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { name: this.name, learningRate: this.learningRate };
    if (this.clipnorm !== undefined) config.clipnorm = this.clipnorm;
    if (this.clipvalue !== undefined) config.clipvalue = this.clipvalue;
    if (this.globalClipnorm !== undefined) config.globalClipnorm = this.globalClipnorm;
    if (this.weightDecay !== undefined) config.weightDecay = this.weightDecay;
    return config;
  }

  serialize(): SerializedOptimizer {
    return { className: this.className, config: this.getConfig() };
  }

  /** Frees the state variables; the optimizer can be built again afterwards. */
  dispose(): void {
    dispose(this.state);
    this.state.length = 0;
    this.index.clear();
    this.built = false;
  }

  /** The position of `variable` in the list given to `build`, for indexing per-variable state. */
  protected variableIndex(variable: Variable): number {
    const i = this.index.get(variable);
    if (i === undefined) throw new TensileError(`${this.name}: variable '${variable.name}' is not one this optimizer was built with`);
    return i;
  }

  /** A state variable shaped like `like`, filled with `initialValue`, owned by the optimizer. */
  protected addVariable(like: Variable, suffix: string, initialValue = 0): Variable {
    const v = tidy(() => makeVariable(fill(like.shape, initialValue, 'float32'), false, `${this.name}/${like.name}/${suffix}`));
    this.state.push(v);
    return v;
  }

  private clip(grads: readonly Tensor[]): Tensor[] {
    if (this.clipvalue !== undefined) {
      const c = this.clipvalue;
      return grads.map((g) => clipByValue(g, -c, c));
    }
    if (this.clipnorm !== undefined) {
      // g * c / max(|g|, c): unchanged when the norm is within c, rescaled to norm c otherwise.
      const c = this.clipnorm;
      return grads.map((g) => div(mul(g, c), maximum(sqrt(sum(square(g))), c)));
    }
    if (this.globalClipnorm !== undefined) {
      const c = this.globalClipnorm;
      const total = grads.map((g) => sum(square(g))).reduce((a, b) => add(a, b));
      const scale = div(scalar(c), maximum(sqrt(total), c));
      return grads.map((g) => mul(g, scale));
    }
    return [...grads];
  }
}

function describeList(x: unknown): string {
  if (!Array.isArray(x)) return x === null ? 'null' : typeof x;
  const bad = x.findIndex((v) => !(v instanceof Variable));
  const item = x[bad];
  return `an array whose entry ${bad} is ${item instanceof Tensor ? 'a Tensor, not a Variable' : item === null ? 'null' : typeof item}`;
}
