/**
 * The training step of a model compiled with `jitCompile: true`: core's `compileStep` over the
 * eager step (step.ts), one per batch layout (how many inputs, targets and sample-weight tensors)
 * set of trainable weights and, for optimizers that bake it into the plan, learning rate, so a
 * change of any traces a new plan rather than replaying a stale one. Shapes are core's business:
 * a new batch size traces again there.
 */
import { TensileError, compileStep, formatShape, type CompiledStep, type CompiledStepStatus, type Tensor } from '@tensile/core';
import { getCompiled } from './compile.js';
import type { TrainableModel } from './trainable.js';
import type { BatchWeights, StepContext, StepResult } from './step.js';

export interface CompiledTrainStep {
  readonly step: CompiledStep<Tensor[], Tensor>;
  /** The context of the call being run (fit makes one per call; the plan does not depend on it). */
  ctx: StepContext | null;
  /** How many values each sum covers, by the batch's shapes: fixed by them, so an eager run's counts hold for its replays. */
  readonly counts: Map<string, number[]>;
}

function shapesOf(tensors: readonly Tensor[]): string {
  return tensors.map((t) => formatShape(t.shape)).join(' ');
}

/** Layouts kept at once (each holds its plans' constants). */
const MAX_LAYOUTS = 8;

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
  const opt = compiled.optimizer;
  const rate = opt.readsRateLive ? '' : `lr=${opt.learningRate}`;
  const layout = `${xs.length}|${ys.length}|${weights.map((w) => (w ? 1 : 0)).join('')}|${cw}|${rate}|${model.trainableWeights.map((v) => v.id).join(',')}`;
  let entry = compiled.trainSteps.get(layout);
  if (!entry) {
    const made: CompiledTrainStep = {
      ctx: null,
      counts: new Map(),
      step: compileStep(
        (...args: Tensor[]) => {
          const c = made.ctx as StepContext;
          const ws: (Tensor | null)[] = [];
          let k = xs.length + ys.length;
          for (const w of weights) ws.push(w ? args[k++] : null);
          const r = eager(c, args.slice(0, xs.length), args.slice(xs.length, xs.length + ys.length), ws);
          made.counts.set(shapesOf(args), r.counts);
          return r.stats;
        },
        {
          name: `train step of model '${model.name}'`,
          onFallback: (reason) => console.warn(`fit: model '${model.name}' trains eagerly (jitCompile): ${reason}`),
        },
      ),
    };
    entry = made;
  }
  // Most recently used last; the oldest goes when a rate baked into plans keeps changing.
  compiled.trainSteps.delete(layout);
  compiled.trainSteps.set(layout, entry);
  if (compiled.trainSteps.size > MAX_LAYOUTS) {
    const [oldest, old] = compiled.trainSteps.entries().next().value as [string, CompiledTrainStep];
    old.step.dispose();
    compiled.trainSteps.delete(oldest);
  }
  entry.ctx = ctx;
  try {
    const args = [...xs, ...ys, ...weights.filter((w): w is Tensor => w !== null)];
    const stats = entry.step(...args);
    const counts = entry.counts.get(shapesOf(args));
    if (!counts) throw new TensileError(`fit: no value counts recorded for a batch of shapes ${shapesOf(args)} (a compiled step bug)`);
    return { stats, counts };
  } finally {
    entry.ctx = null;
  }
}

/**
 * How `model`'s compiled training step has run: the mode and reason of the latest step, plans
 * and replays summed over batch layouts. Null when the model is not compiled with
 * `jitCompile: true` or has not trained yet.
 */
export function trainStepStatus(model: TrainableModel): CompiledStepStatus | null {
  const compiled = getCompiled(model);
  let last: CompiledStepStatus | null = null;
  let plans = 0;
  let replays = 0;
  for (const e of compiled?.trainSteps.values() ?? []) {
    last = e.step.status();
    plans += last.plans;
    replays += last.replays;
  }
  return last && { ...last, plans, replays };
}
