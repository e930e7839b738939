/**
 * Keras' losses. The lower-case functions return one value per sample (reduced over the last
 * axis), as `keras.losses.categorical_crossentropy`; a `Loss` object averages those over the batch
 * (Keras' default reduction, "sum_over_batch_size"). `losses.get` resolves the strings Keras
 * accepts ('mse', 'categorical_crossentropy', 'categoricalCrossentropy', ...).
 */
import {
  TensileError,
  abs,
  add,
  cast,
  categoricalCrossentropy as crossentropyOfProbabilities,
  clipByValue,
  exp,
  formatShape,
  lessEqual,
  log,
  log1p,
  logSoftmax,
  mean,
  mul,
  neg,
  oneHot,
  relu,
  reshape,
  square,
  sub,
  sum,
  where,
  type Tensor,
} from '@tensile/core';
import type { SpellingsOfSnake } from './identifier-types.js';

/** Keras' fuzz factor: probabilities are clipped to [EPSILON, 1 - EPSILON] before the log. */
export const EPSILON = 1e-7;

export type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

export interface CrossentropyOptions {
  /** yPred holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** Mixes the targets with a uniform distribution: y * (1 - s) + s / classes. Default 0. */
  labelSmoothing?: number;
}

function float(y: Tensor): Tensor {
  return y.dtype === 'float32' ? y : cast(y, 'float32');
}

function checkSameShape(loss: string, yTrue: Tensor, yPred: Tensor): void {
  if (yTrue.rank !== yPred.rank || yTrue.shape.some((d, i) => d !== yPred.shape[i])) {
    throw new TensileError(
      `${loss}: yTrue and yPred must have the same shape, got ${formatShape(yTrue.shape)} and ${formatShape(yPred.shape)}`,
    );
  }
}

/** -sum(yTrue * log(yPred)) over the last axis; probabilities are renormalised and clipped. */
export function categoricalCrossentropy(yTrue: Tensor, yPred: Tensor, options: CrossentropyOptions = {}): Tensor {
  checkSameShape('categoricalCrossentropy', yTrue, yPred);
  let target = float(yTrue);
  const s = options.labelSmoothing ?? 0;
  if (s > 0) target = add(mul(target, 1 - s), s / yPred.shape[yPred.rank - 1]);
  if (options.fromLogits) return neg(sum(mul(target, logSoftmax(yPred)), -1));
  // One kernel each way where the backend has it (core composes the ops otherwise).
  return crossentropyOfProbabilities(target, yPred, EPSILON);
}

/**
 * Crossentropy against integer class indices: yTrue is [batch] or [batch, 1] (any dtype holding
 * whole numbers), yPred [batch, classes].
 */
export function sparseCategoricalCrossentropy(
  yTrue: Tensor,
  yPred: Tensor,
  options: Omit<CrossentropyOptions, 'labelSmoothing'> = {},
): Tensor {
  const labels = sparseLabels('sparseCategoricalCrossentropy', yTrue, yPred);
  const depth = yPred.shape[yPred.rank - 1];
  const logProbs = options.fromLogits ? logSoftmax(yPred) : log(clipByValue(yPred, EPSILON, 1 - EPSILON));
  return neg(sum(mul(oneHot(labels, depth, 1, 0, 'float32'), logProbs), -1));
}

/** yTrue with the trailing size-1 axis dropped, as int32 indices; shape-checked against yPred. */
export function sparseLabels(op: string, yTrue: Tensor, yPred: Tensor): Tensor {
  let labels = yTrue;
  if (yTrue.rank === yPred.rank && yTrue.shape[yTrue.rank - 1] === 1) labels = reshape(yTrue, yTrue.shape.slice(0, -1));
  const lead = yPred.shape.slice(0, -1);
  if (labels.rank !== lead.length || labels.shape.some((d, i) => d !== lead[i])) {
    throw new TensileError(
      `${op}: yTrue must hold class indices of shape ${formatShape(lead)} (or with a trailing 1) for yPred of shape ${formatShape(yPred.shape)}, got ${formatShape(yTrue.shape)}`,
    );
  }
  return labels.dtype === 'int32' ? labels : cast(labels, 'int32');
}

/**
 * Mean over the last axis of -(y log p + (1 - y) log(1 - p)); with logits it uses the stable
 * max(x, 0) - x y + log(1 + e^-|x|).
 */
export function binaryCrossentropy(yTrue: Tensor, yPred: Tensor, options: CrossentropyOptions = {}): Tensor {
  checkSameShape('binaryCrossentropy', yTrue, yPred);
  let target = float(yTrue);
  const s = options.labelSmoothing ?? 0;
  if (s > 0) target = add(mul(target, 1 - s), 0.5 * s);
  if (options.fromLogits) {
    const perElement = add(sub(relu(yPred), mul(yPred, target)), log1p(exp(neg(abs(yPred)))));
    return mean(perElement, -1);
  }
  const p = clipByValue(yPred, EPSILON, 1 - EPSILON);
  const ll = add(mul(target, log(p)), mul(sub(1, target), log(sub(1, p))));
  return neg(mean(ll, -1));
}

export function meanSquaredError(yTrue: Tensor, yPred: Tensor): Tensor {
  checkSameShape('meanSquaredError', yTrue, yPred);
  return mean(square(sub(yPred, float(yTrue))), -1);
}

export function meanAbsoluteError(yTrue: Tensor, yPred: Tensor): Tensor {
  checkSameShape('meanAbsoluteError', yTrue, yPred);
  return mean(abs(sub(yPred, float(yTrue))), -1);
}

/** Quadratic for |error| <= delta, linear beyond: 0.5 e² or delta (|e| - 0.5 delta). */
export function huber(yTrue: Tensor, yPred: Tensor, options: { delta?: number } = {}): Tensor {
  checkSameShape('huber', yTrue, yPred);
  const delta = options.delta ?? 1;
  const error = sub(yPred, float(yTrue));
  const absError = abs(error);
  const quadratic = mul(square(error), 0.5);
  const linear = sub(mul(absError, delta), 0.5 * delta * delta);
  return mean(where(lessEqual(absError, delta), quadratic, linear), -1);
}

/** A loss as compile takes it: a name for logs and configs, and the per-sample function. */
export class Loss {
  constructor(
    /** Keras' snake_case name, e.g. 'categorical_crossentropy'. */
    readonly name: string,
    readonly fn: LossFn,
    readonly config: Record<string, unknown> = {},
  ) {}

  /** The batch loss: the mean of the per-sample values (a scalar). */
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return mean(this.fn(yTrue, yPred));
  }

  /** Keras' class name ('CategoricalCrossentropy'), from the snake_case name. */
  get className(): string {
    return this.name
      .split('_')
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join('');
  }
}

/** Loss objects with options, as Keras' classes: `new CategoricalCrossentropy({fromLogits: true})`. */
export class CategoricalCrossentropy extends Loss {
  constructor(options: CrossentropyOptions = {}) {
    super('categorical_crossentropy', (t, p) => categoricalCrossentropy(t, p, options), { ...options });
  }
}
export class SparseCategoricalCrossentropy extends Loss {
  constructor(options: Omit<CrossentropyOptions, 'labelSmoothing'> = {}) {
    super('sparse_categorical_crossentropy', (t, p) => sparseCategoricalCrossentropy(t, p, options), { ...options });
  }
}
export class BinaryCrossentropy extends Loss {
  constructor(options: CrossentropyOptions = {}) {
    super('binary_crossentropy', (t, p) => binaryCrossentropy(t, p, options), { ...options });
  }
}
export class MeanSquaredError extends Loss {
  constructor() {
    super('mean_squared_error', meanSquaredError);
  }
}
export class MeanAbsoluteError extends Loss {
  constructor() {
    super('mean_absolute_error', meanAbsoluteError);
  }
}
export class Huber extends Loss {
  constructor(options: { delta?: number } = {}) {
    super('huber', (t, p) => huber(t, p, options), { ...options });
  }
}

const LOSSES = {
  categorical_crossentropy: () => new CategoricalCrossentropy(),
  sparse_categorical_crossentropy: () => new SparseCategoricalCrossentropy(),
  binary_crossentropy: () => new BinaryCrossentropy(),
  mean_squared_error: () => new MeanSquaredError(),
  mean_absolute_error: () => new MeanAbsoluteError(),
  huber: () => new Huber(),
} satisfies Record<string, () => Loss>;
const ALIASES = { mse: 'mean_squared_error', mae: 'mean_absolute_error', huber_loss: 'huber' } satisfies Record<
  string,
  keyof typeof LOSSES
>;
const LOSS_BY_NAME: Readonly<Record<string, () => Loss>> = LOSSES;
const ALIAS_OF: Readonly<Record<string, string>> = ALIASES;

/**
 * Every loss name accepted: Keras snake_case, TF.js camelCase and the class names, aliases
 * ('mse', 'mae', 'huber_loss') included, so a misspelt name fails to compile.
 */
export type LossName = SpellingsOfSnake<keyof typeof LOSSES | keyof typeof ALIASES>;

/** 'categoricalCrossentropy', 'CategoricalCrossentropy' and 'categorical_crossentropy' all give one key. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export type LossIdentifier = LossName | Loss | LossFn;

/**
 * A `Loss` from a name Keras accepts, a `Loss`, or a per-sample function `(yTrue, yPred) =>
 * Tensor` (named after the function). Any string is looked up at run time (names read from
 * configs); `compile`'s options take only `LossIdentifier`.
 */
export function get(identifier: LossIdentifier | (string & {})): Loss {
  if (identifier instanceof Loss) return identifier;
  if (typeof identifier === 'function') return new Loss(identifier.name ? snakeCase(identifier.name) : 'loss', identifier);
  if (typeof identifier === 'string') {
    const key = snakeCase(identifier);
    const canonical = ALIAS_OF[key] ?? key;
    const make = Object.hasOwn(LOSS_BY_NAME, canonical) ? LOSS_BY_NAME[canonical] : undefined;
    if (make) {
      const loss = make();
      // The user's spelling of an alias is the name Keras shows ('mse'); full names are canonical.
      return ALIAS_OF[key] ? new Loss(key, loss.fn, loss.config) : loss;
    }
  }
  throw new TensileError(
    `losses.get: unknown loss ${typeof identifier === 'string' ? `'${identifier}'` : typeof identifier}; expected one of ${[...Object.keys(LOSSES), ...Object.keys(ALIASES)].join(', ')} (snake_case or camelCase), a Loss or a function (yTrue, yPred) => Tensor`,
  );
}
