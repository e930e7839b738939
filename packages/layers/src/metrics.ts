/**
 * Keras' metrics as per-sample functions (`keras.metrics.categorical_accuracy` and friends). fit
 * averages them over the epoch the way Keras' MeanMetricWrapper does (sum of values / count),
 * with the sums kept on the device. 'accuracy' picks its variant from the loss and the shapes, as
 * Keras' compile does.
 */
import { TensileError, argMax, cast, equal, greater, mean, type Tensor } from '@tensile/core';
import type { SpellingsOfSnake } from './identifier-types.js';
import { meanAbsoluteError, meanSquaredError, snakeCase, sparseLabels, type Loss } from './losses.js';

export type MetricFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

/** A metric as compile keeps it: the name shown in logs and its per-sample function. */
export interface Metric {
  readonly name: string;
  readonly fn: MetricFn;
}

/** 1 where the arg-max of yPred is the arg-max of the one-hot yTrue, else 0; one per sample. */
export function categoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  return cast(equal(argMax(yTrue, -1), argMax(yPred, -1)), 'float32');
}

/** 1 where the arg-max of yPred is the class index in yTrue ([batch] or [batch, 1]), else 0. */
export function sparseCategoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  return cast(equal(sparseLabels('sparseCategoricalAccuracy', yTrue, yPred), argMax(yPred, -1)), 'float32');
}

/** Mean over the last axis of (yPred > threshold) == yTrue. */
export function binaryAccuracy(yTrue: Tensor, yPred: Tensor, threshold = 0.5): Tensor {
  const predicted = cast(greater(yPred, threshold), 'float32');
  const target = yTrue.dtype === 'float32' ? yTrue : cast(yTrue, 'float32');
  return mean(cast(equal(target, predicted), 'float32'), -1);
}

export const mse: MetricFn = meanSquaredError;
export const mae: MetricFn = meanAbsoluteError;

const METRICS = {
  categorical_accuracy: categoricalAccuracy,
  sparse_categorical_accuracy: sparseCategoricalAccuracy,
  binary_accuracy: (t, p) => binaryAccuracy(t, p),
  mean_squared_error: meanSquaredError,
  mean_absolute_error: meanAbsoluteError,
} satisfies Record<string, MetricFn>;
const ALIASES = { mse: 'mean_squared_error', mae: 'mean_absolute_error' } satisfies Record<string, keyof typeof METRICS>;
const METRIC_BY_NAME: Readonly<Record<string, MetricFn>> = METRICS;
const ALIAS_OF: Readonly<Record<string, string>> = ALIASES;

/**
 * Every metric name accepted: 'accuracy' and 'acc', Keras snake_case, TF.js camelCase and the
 * class names, so a misspelt name fails to compile.
 */
export type MetricName = SpellingsOfSnake<'accuracy' | 'acc' | keyof typeof METRICS | keyof typeof ALIASES>;

export type MetricIdentifier = MetricName | MetricFn | Metric;

/** What `resolveMetric` looks at to choose the accuracy variant. */
export interface MetricContext {
  loss?: Loss;
  yTrueShape: readonly number[];
  yPredShape: readonly (number | null)[];
}

/**
 * A metric from a name Keras accepts ('accuracy', 'acc', 'categorical_accuracy' or
 * 'categoricalAccuracy', 'mse', 'mae', ...), a function (named after it) or a `Metric`. A string
 * is the name in logs as the user spelled it, as Keras 3 does (`metrics: ['acc']` logs 'acc').
 */
export function get(identifier: MetricIdentifier | (string & {}), context?: MetricContext): Metric {
  if (typeof identifier === 'function') return { name: identifier.name ? snakeCase(identifier.name) : 'metric', fn: identifier };
  if (typeof identifier === 'object' && identifier !== null) {
    // Checked at run time: plain JS callers can pass any object.
    const fn: unknown = identifier.fn;
    if (typeof fn === 'function' && typeof identifier.name === 'string') return identifier;
  }
  if (typeof identifier === 'string') {
    const key = snakeCase(identifier);
    if (key === 'accuracy' || key === 'acc') return { name: identifier, fn: accuracyFor(context) };
    const canonical = ALIAS_OF[key] ?? key;
    const fn = Object.hasOwn(METRIC_BY_NAME, canonical) ? METRIC_BY_NAME[canonical] : undefined;
    if (fn !== undefined) return { name: identifier, fn };
  }
  throw new TensileError(
    `metrics.get: unknown metric ${typeof identifier === 'string' ? `'${identifier}'` : typeof identifier}; expected accuracy, acc, ${[...Object.keys(METRICS), ...Object.keys(ALIASES)].join(', ')}, a function (yTrue, yPred) => Tensor or {name, fn}`,
  );
}

/**
 * Keras' rule: binary accuracy for binary crossentropy or a single output unit; sparse when the
 * loss is sparse or the targets are indices (one rank less than the predictions, or a trailing 1
 * against several classes); categorical otherwise.
 */
function accuracyFor(context: MetricContext | undefined): MetricFn {
  if (!context) return categoricalAccuracy;
  const lossName = context.loss?.name;
  if (lossName === 'binary_crossentropy') return (t, p) => binaryAccuracy(t, p);
  if (lossName === 'sparse_categorical_crossentropy') return sparseCategoricalAccuracy;
  const { yTrueShape: t, yPredShape: p } = context;
  const classes = p[p.length - 1];
  if (classes === 1) return (yt, yp) => binaryAccuracy(yt, yp);
  if (t.length === p.length - 1 || (t.length === p.length && t[t.length - 1] === 1 && classes !== 1)) return sparseCategoricalAccuracy;
  return categoricalAccuracy;
}
