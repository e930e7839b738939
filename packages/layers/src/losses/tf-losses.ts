/**
 * TensorFlow.js' `tf.losses`: each takes (labels, predictions, weights?, ..., reduction?) and
 * returns the loss reduced by `reduction` (default SUM_BY_NONZERO_WEIGHTS: the weighted sum over
 * the number of non-zero weights, which is the mean when there are no weights), as TensorFlow.js
 * 4.22 computes it. The Keras-style per-sample losses that `compile` uses are in ../losses.ts.
 */
import {
  ArgumentError,
  ShapeError,
  type Tensor,
  type TensorLike,
  abs,
  add,
  cast,
  convertToTensor,
  div,
  exp,
  log,
  log1p,
  logSoftmax,
  mean,
  minimum,
  mul,
  neg,
  notEqual,
  ones,
  relu,
  scalar,
  square,
  squaredDifference,
  sub,
  sum,
  tidy,
} from '@tensile/core';

/** TensorFlow.js' `Reduction`, with its numeric values, so `tf.Reduction.MEAN` code carries over. */
export const Reduction = { NONE: 0, MEAN: 1, SUM: 2, SUM_BY_NONZERO_WEIGHTS: 3 } as const;
export type Reduction = (typeof Reduction)[keyof typeof Reduction];

/** `losses` times `weights` (broadcast), reduced as `reduction` says. */
export function computeWeightedLoss(
  losses: TensorLike,
  weights?: TensorLike | null,
  reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS,
): Tensor {
  return tidy(() => weighted('computeWeightedLoss', float(losses, 'losses', 'computeWeightedLoss'), weights, reduction));
}

/** |labels - predictions|, weighted and reduced. */
export function absoluteDifference(
  labels: TensorLike,
  predictions: TensorLike,
  weights?: TensorLike | null,
  reduction?: Reduction,
): Tensor {
  return tidy(() => {
    const [l, p] = pair('absoluteDifference', labels, predictions);
    return weighted('absoluteDifference', abs(sub(l, p)), weights, reduction);
  });
}

/** (labels - predictions)², weighted and reduced (a scalar by default, unlike Keras' per-sample MSE). */
export function meanSquaredError(labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null, reduction?: Reduction): Tensor {
  return tidy(() => {
    const [l, p] = pair('meanSquaredError', labels, predictions);
    return weighted('meanSquaredError', squaredDifference(l, p), weights, reduction);
  });
}

/** 1 - sum(labels * predictions, axis) (keeping the axis); inputs are expected unit-normalised. */
export function cosineDistance(
  labels: TensorLike,
  predictions: TensorLike,
  axis: number,
  weights?: TensorLike | null,
  reduction?: Reduction,
): Tensor {
  if (!Number.isInteger(axis)) throw new ArgumentError(`losses.cosineDistance: axis must be an integer, got ${String(axis)}`);
  return tidy(() => {
    const [l, p] = pair('cosineDistance', labels, predictions);
    return weighted('cosineDistance', sub(scalar(1), sum(mul(l, p), axis, true)), weights, reduction);
  });
}

/** relu(1 - (2 labels - 1) predictions), labels in {0, 1}. */
export function hingeLoss(labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null, reduction?: Reduction): Tensor {
  return tidy(() => {
    const [l, p] = pair('hingeLoss', labels, predictions);
    const signs = sub(mul(l, 2), 1);
    return weighted('hingeLoss', relu(sub(scalar(1), mul(signs, p))), weights, reduction);
  });
}

/** Huber: 0.5 e² where |e| <= delta, delta (|e| - delta) + 0.5 delta² beyond. */
export function huberLoss(
  labels: TensorLike,
  predictions: TensorLike,
  weights?: TensorLike | null,
  delta = 1,
  reduction?: Reduction,
): Tensor {
  if (typeof delta !== 'number' || !(delta > 0))
    throw new ArgumentError(`losses.huberLoss: delta must be a positive number, got ${String(delta)}`);
  return tidy(() => {
    const [l, p] = pair('huberLoss', labels, predictions);
    const error = abs(sub(p, l));
    const quadratic = minimum(error, delta);
    const linear = sub(error, quadratic);
    return weighted('huberLoss', add(mul(square(quadratic), 0.5), mul(linear, delta)), weights, reduction);
  });
}

/** -labels log(predictions + eps) - (1 - labels) log(1 - predictions + eps), predictions probabilities. */
export function logLoss(
  labels: TensorLike,
  predictions: TensorLike,
  weights?: TensorLike | null,
  epsilon = 1e-7,
  reduction?: Reduction,
): Tensor {
  return tidy(() => {
    const [l, p] = pair('logLoss', labels, predictions);
    const positive = neg(mul(l, log(add(p, epsilon))));
    const negative = mul(sub(scalar(1), l), log(add(sub(scalar(1), p), epsilon)));
    return weighted('logLoss', sub(positive, negative), weights, reduction);
  });
}

/**
 * Sigmoid cross-entropy from logits, computed stably as max(x, 0) - x z + log(1 + exp(-|x|));
 * `labelSmoothing` moves the labels towards 0.5.
 */
export function sigmoidCrossEntropy(
  multiClassLabels: TensorLike,
  logits: TensorLike,
  weights?: TensorLike | null,
  labelSmoothing = 0,
  reduction?: Reduction,
): Tensor {
  checkSmoothing('sigmoidCrossEntropy', labelSmoothing);
  return tidy(() => {
    let [z, x] = pair('sigmoidCrossEntropy', multiClassLabels, logits, ['multiClassLabels', 'logits']);
    if (labelSmoothing > 0) z = add(mul(z, 1 - labelSmoothing), 0.5 * labelSmoothing);
    const losses = add(sub(relu(x), mul(x, z)), log1p(exp(neg(abs(x)))));
    return weighted('sigmoidCrossEntropy', losses, weights, reduction);
  });
}

/**
 * Softmax cross-entropy from logits over the last axis, one loss per row; `labelSmoothing` moves
 * the one-hot labels towards 1 / numClasses.
 */
export function softmaxCrossEntropy(
  onehotLabels: TensorLike,
  logits: TensorLike,
  weights?: TensorLike | null,
  labelSmoothing = 0,
  reduction?: Reduction,
): Tensor {
  checkSmoothing('softmaxCrossEntropy', labelSmoothing);
  return tidy(() => {
    let [z, x] = pair('softmaxCrossEntropy', onehotLabels, logits, ['onehotLabels', 'logits']);
    if (labelSmoothing > 0) z = add(mul(z, 1 - labelSmoothing), labelSmoothing / z.shape[z.shape.length - 1]);
    const losses = neg(sum(mul(z, logSoftmax(x)), -1));
    return weighted('softmaxCrossEntropy', losses, weights, reduction);
  });
}

function float(x: TensorLike, argName: string, op: string): Tensor {
  const t = convertToTensor(x, argName, `losses.${op}`, 'float32');
  return t.dtype === 'float32' ? t : cast(t, 'float32');
}

function pair(op: string, labels: TensorLike, predictions: TensorLike, names = ['labels', 'predictions']): [Tensor, Tensor] {
  const l = float(labels, names[0], op);
  const p = float(predictions, names[1], op);
  if (l.shape.length !== p.shape.length || l.shape.some((d, i) => d !== p.shape[i])) {
    throw new ShapeError(
      `losses.${op}: ${names[0]} and ${names[1]} must have the same shape, got [${l.shape.join(', ')}] and [${p.shape.join(', ')}]`,
    );
  }
  return [l, p];
}

function checkSmoothing(op: string, s: number): void {
  if (typeof s !== 'number' || !(s >= 0 && s <= 1))
    throw new ArgumentError(`losses.${op}: labelSmoothing must be a number in [0, 1], got ${String(s)}`);
}

function weighted(
  op: string,
  losses: Tensor,
  weights: TensorLike | null | undefined,
  reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS,
): Tensor {
  if (!Object.values(Reduction).includes(reduction)) {
    throw new ArgumentError(
      `losses.${op}: unknown reduction ${String(reduction)}; expected one of Reduction.NONE, MEAN, SUM, SUM_BY_NONZERO_WEIGHTS (0-3)`,
    );
  }
  const w = weights === null || weights === undefined ? null : float(weights, 'weights', op);
  const loss = w ? mul(losses, w) : losses;
  if (reduction === Reduction.NONE) return loss;
  if (reduction === Reduction.SUM) return sum(loss);
  if (reduction === Reduction.MEAN) {
    if (!w) return mean(loss);
    const ratio = losses.size / w.size;
    const result = div(sum(loss), sum(w));
    return ratio > 1 ? div(result, ratio) : result;
  }
  if (!w) return div(sum(loss), losses.size);
  const nonZero = cast(sum(notEqual(mul(w, ones(losses.shape)), 0)), 'float32');
  return div(sum(loss), nonZero);
}
