/**
 * The training step of a model compiled with `jitCompile: true`: core's `compileStep` over the
 * eager step (step.ts), one per batch layout (how many inputs, targets and sample-weight tensors)
 * and set of trainable weights, so a change of either traces a new plan rather than replaying a
 * stale one. Shapes are core's business: a new batch size traces again there.
 */
import { compileStep, type CompiledStep, type CompiledStepStatus, type Tensor } from '@tensile/core';
import type { CompiledModel } from './compile.js';
import type { BatchWeights, StepContext, StepResult } from './step.js';

export interface CompiledTrainStep {
  readonly step: CompiledStep<Tensor[], Tensor>;
  /** The context of the call being run (fit makes one per call; the plan does not depend on it). */
  ctx: StepContext | null;
  /** How many values each sum covers: fixed by the shapes, so the eager runs' counts hold for replays. */
  counts: number[];
}

type EagerStep = (ctx: StepContext, xs: readonly Tensor[], ys: readonly Tensor[], weights: BatchWeights) => StepResult;

export function compiledTrainStep(
  eager: EagerStep,
  ctx: StepContext,
  xs: readonly Tensor[],
  ys: readonly Tensor[],
  weights: BatchWeights,
): StepResult {
  const { compiled, model } = ctx;
  const cw = ctx.classWeight ? 'classWeight' : '';
  const layout = `${xs.length}|${ys.length}|${weights.map((w) => (w ? 1 : 0)).join('')}|${cw}|${model.trainableWeights.map((v) => v.id).join(',')}`;
  let entry = compiled.trainSteps.get(layout);
  if (!entry) {
    const made: CompiledTrainStep = {
      ctx: null,
      counts: [],
      step: compileStep(
        (...args: Tensor[]) => {
          const c = made.ctx as StepContext;
          const ws: (Tensor | null)[] = [];
          let k = xs.length + ys.length;
          for (const w of weights) ws.push(w ? args[k++] : null);
          const r = eager(c, args.slice(0, xs.length), args.slice(xs.length, xs.length + ys.length), ws);
          made.counts = r.counts;
          return r.stats;
        },
        {
          name: `train step of model '${model.name}'`,
          onFallback: (reason) => console.warn(`fit: model '${model.name}' trains eagerly (jitCompile): ${reason}`),
        },
      ),
    };
    entry = made;
    compiled.trainSteps.set(layout, entry);
  }
  entry.ctx = ctx;
  try {
    const args = [...xs, ...ys, ...weights.filter((w): w is Tensor => w !== null)];
    const stats = entry.step(...args);
    return { stats, counts: entry.counts };
  } finally {
    entry.ctx = null;
  }
}

/** How the last training step of `compiled` ran, or null if it has not run compiled. */
export function trainStepStatus(compiled: CompiledModel): CompiledStepStatus | null {
  let last: CompiledStepStatus | null = null;
  for (const e of compiled.trainSteps.values()) last = e.step.status();
  return last;
}
