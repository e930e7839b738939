/**
 * One training or test step on one batch, each inside one `tidy`: forward, losses (+ the layers'
 * regularization penalties), and for training `variableGrads` over the trainable weights and the
 * optimizer update. Each returns the batch's sums for the log accumulator as one kept vector.
 */
import { TensileError, Variable, add, keep, mul, stack, sum, tidy, variableGrads, type Tensor } from '@tensile/core';
import type { Metric } from '../metrics.js';
import type { CompiledModel } from './compile.js';
import { compiledTrainStep } from './compiled-step.js';
import { asList, modelInput } from './data.js';
import { type ClassWeightTable, classSampleWeights, weightedLoss } from './sample-weights.js';
import type { TrainableModel } from './trainable.js';

export interface StepContext {
  readonly model: TrainableModel;
  readonly compiled: CompiledModel;
  readonly metrics: readonly (readonly Metric[])[];
  /** fit's classWeight (single-output models), applied to training steps only, as Keras. */
  readonly classWeight?: ClassWeightTable | null;
}

/** Per-output sample weights of a batch (absent or null where an output has none). */
export type BatchWeights = readonly (Tensor | null)[];

/** A batch's sums (kept, owned by the caller) and how many values each sum covers. */
export interface StepResult {
  stats: Tensor;
  counts: number[];
}

/** The total loss (weighted per-output losses plus regularization) and the per-output losses. */
function computeLoss(
  ctx: StepContext,
  ys: readonly Tensor[],
  preds: readonly Tensor[],
  weights: BatchWeights,
): { total: Tensor; perOutput: Tensor[] } {
  const { compiled, model } = ctx;
  if (preds.length !== ys.length) {
    throw new TensileError(`fit: model '${model.name}' returned ${preds.length} outputs but ${ys.length} targets were given`);
  }
  const perOutput = preds.map((p, i) => weightedLoss(compiled.losses[i], ys[i], p, weights[i] ?? null));
  let total = perOutput.map((l, i) => (compiled.lossWeights[i] === 1 ? l : mul(l, compiled.lossWeights[i]))).reduce((a, b) => add(a, b));
  for (const r of model.regularizationLosses()) total = add(total, sum(r));
  return { total, perOutput };
}

/** Packs [loss * n, per-output losses * n, metric sums] and their counts. */
function batchStats(
  ctx: StepContext,
  n: number,
  total: Tensor,
  perOutput: readonly Tensor[],
  ys: readonly Tensor[],
  preds: readonly Tensor[],
): StepResult {
  const values: Tensor[] = [mul(total, n)];
  const counts = [n];
  if (perOutput.length > 1) {
    for (const l of perOutput) {
      values.push(mul(l, n));
      counts.push(n);
    }
  }
  ctx.metrics.forEach((ms, o) => {
    for (const m of ms) {
      const v = m.fn(ys[o], preds[o]);
      values.push(sum(v));
      counts.push(v.size);
    }
  });
  return { stats: keep(stack(values)), counts };
}

/** Keeps `t` past the gradient's inner tidy, unless it belongs to someone else (an input, a weight). */
function holdFor(held: Tensor[], t: Tensor, foreign: ReadonlySet<Tensor>): Tensor {
  if (!foreign.has(t) && !(t instanceof Variable) && !held.includes(t)) {
    keep(t);
    held.push(t);
  }
  return t;
}

export function trainStep(ctx: StepContext, xs: readonly Tensor[], ys: readonly Tensor[], sampleWeights: BatchWeights = []): StepResult {
  if (ctx.compiled.jitCompile) return compiledTrainStep(eagerTrainStep, ctx, xs, ys, sampleWeights);
  return eagerTrainStep(ctx, xs, ys, sampleWeights);
}

function eagerTrainStep(ctx: StepContext, xs: readonly Tensor[], ys: readonly Tensor[], sampleWeights: BatchWeights): StepResult {
  const { model, compiled } = ctx;
  const vars: readonly Variable[] = model.trainableWeights;
  const held: Tensor[] = [];
  try {
    return tidy(() => {
      let preds: Tensor[] = [];
      let perOutput: Tensor[] = [];
      const foreign = new Set<Tensor>([...xs, ...ys]);
      const cw = ctx.classWeight;
      const weights = cw ? ys.map((y) => classSampleWeights(cw, y)) : sampleWeights;
      // Predictions and per-output losses are kept past variableGrads' own tidy, for the metrics.
      const { value, grads } = variableGrads(() => {
        preds = asList(model.apply(modelInput(xs), { training: true })).map((p) => holdFor(held, p, foreign));
        const loss = computeLoss(ctx, ys, preds, weights);
        perOutput = loss.perOutput.map((l) => holdFor(held, l, foreign));
        return loss.total;
      }, vars);
      const pairs: [Tensor, Variable][] = [];
      for (const v of vars) if (grads[v.name]) pairs.push([grads[v.name], v]);
      compiled.optimizer.applyGradients(pairs);
      return batchStats(ctx, xs[0].shape[0], value, perOutput, ys, preds);
    });
  } finally {
    for (const t of held) t.dispose();
  }
}

export function testStep(ctx: StepContext, xs: readonly Tensor[], ys: readonly Tensor[], sampleWeights: BatchWeights = []): StepResult {
  return tidy(() => {
    const preds = asList(ctx.model.apply(modelInput(xs), { training: false }));
    const { total, perOutput } = computeLoss(ctx, ys, preds, sampleWeights);
    return batchStats(ctx, xs[0].shape[0], total, perOutput, ys, preds);
  });
}

/** variableGrads keys gradients by variable name, so names must be unique within the model. */
export function checkUniqueNames(model: TrainableModel): void {
  const seen = new Set<string>();
  for (const v of model.trainableWeights) {
    if (seen.has(v.name))
      throw new TensileError(
        `fit: model '${model.name}' has two trainable weights named '${v.name}'; weight names must be unique to match gradients`,
      );
    seen.add(v.name);
  }
}
