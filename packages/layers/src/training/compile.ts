/**
 * compile: resolves optimizer, losses (one per output) and metrics, and remembers them for the
 * model in a WeakMap, so fit/evaluate/trainOnBatch take just the model. Metrics named 'accuracy'
 * are resolved when the first targets are seen, since Keras picks the variant from their shape.
 */
import { TensileError, type Shape } from '@tensile/core';
import { get as getLoss, type Loss, type LossIdentifier } from '../losses.js';
import { get as getMetric, type Metric, type MetricIdentifier } from '../metrics.js';
import { Optimizer } from '../optimizers/optimizer.js';
import { get as getOptimizer, type OptimizerIdentifier } from '../optimizers/index.js';
import type { CompiledTrainStep } from './compiled-step.js';
import { refuseDuringFit } from './fit-lock.js';
import type { TrainableModel } from './trainable.js';

export interface CompileConfig {
  optimizer: OptimizerIdentifier;
  /** One loss for every output, or one per output (array in output order, or by output name). */
  loss: LossIdentifier | readonly LossIdentifier[] | Readonly<Record<string, LossIdentifier>>;
  /** Metrics for every output, or per output (array of arrays, or by output name). */
  metrics?:
    | readonly MetricIdentifier[]
    | readonly (readonly MetricIdentifier[])[]
    | Readonly<Record<string, MetricIdentifier | readonly MetricIdentifier[]>>;
  /** Weights of the per-output losses in the total loss. Default 1 each. */
  lossWeights?: readonly number[] | Readonly<Record<string, number>>;
  /**
   * Keras' `jit_compile`: train from a compiled step (core's `compileStep`), traced once per
   * batch shape and replayed, with the same numbers as eager training. Steps that cannot be
   * compiled run eagerly with a one-line warning. Default false.
   */
  jitCompile?: boolean;
}

export interface CompiledModel {
  readonly optimizer: Optimizer;
  /** True when compile made the optimizer (from a name or config), so disposing the model frees it. */
  readonly ownsOptimizer: boolean;
  /** One per output. */
  readonly losses: readonly Loss[];
  readonly lossWeights: readonly number[];
  readonly metricIds: readonly (readonly MetricIdentifier[])[];
  /** Resolved metrics per output, set by `resolveMetrics` on the first targets seen. */
  metrics: Metric[][] | null;
  readonly jitCompile: boolean;
  /** The compiled training steps, by batch layout (compiled-step.ts). */
  readonly trainSteps: Map<string, CompiledTrainStep>;
}

const COMPILED = new WeakMap<TrainableModel, CompiledModel>();

/** Keras' `model.compile`. Compiling again replaces the previous setup (and its owned optimizer). */
export function compile(model: TrainableModel, config: CompileConfig): CompiledModel {
  refuseDuringFit(model, 'compile', 'compile', 'compile before fit, or after it resolves');
  if (!config || config.optimizer === undefined || config.loss === undefined) {
    throw new TensileError(
      `compile: model '${model.name}' needs {optimizer, loss}, got ${config ? Object.keys(config).join(', ') || 'an empty object' : String(config)}`,
    );
  }
  const outputs = model.outputNames;
  const losses = perOutput('loss', config.loss, outputs, (id) => getLoss(id)).map((l, i) => {
    if (!l) throw new TensileError(`compile: no loss for output '${outputs[i]}' of model '${model.name}'`);
    return l;
  });
  const lossWeights = perOutput('lossWeights', config.lossWeights ?? 1, outputs, (w) => checkWeight(w)).map((w) => w ?? 1);
  const metricIds = metricsPerOutput(config.metrics, outputs);
  const ownsOptimizer = !(config.optimizer instanceof Optimizer);
  const optimizer = getOptimizer(config.optimizer);
  disposeCompiled(model, optimizer);
  const jitCompile = config.jitCompile ?? false;
  if (typeof jitCompile !== 'boolean') throw new TensileError(`compile: jitCompile must be true or false, got ${String(jitCompile)}`);
  const compiled: CompiledModel = {
    optimizer,
    ownsOptimizer,
    losses,
    lossWeights,
    metricIds,
    metrics: null,
    jitCompile,
    trainSteps: new Map(),
  };
  COMPILED.set(model, compiled);
  return compiled;
}

/** The compile state of `model`, or a clear error naming the call that was missed. */
export function requireCompiled(model: TrainableModel, api: string): CompiledModel {
  const c = COMPILED.get(model);
  if (!c) throw new TensileError(`${api}: model '${model.name}' is not compiled; call model.compile({optimizer, loss}) first`);
  return c;
}

export function getCompiled(model: TrainableModel): CompiledModel | undefined {
  return COMPILED.get(model);
}

/** Forgets the compile state and frees the optimizer's variables if compile created it. */
export function disposeCompiled(model: TrainableModel, keep?: Optimizer): void {
  const c = COMPILED.get(model);
  if (!c) return;
  if (c.ownsOptimizer && c.optimizer !== keep) c.optimizer.dispose();
  for (const s of c.trainSteps.values()) s.step.dispose();
  COMPILED.delete(model);
}

/** Resolves the metric identifiers against the targets' and outputs' shapes (once). */
export function resolveMetrics(model: TrainableModel, compiled: CompiledModel, yShapes: readonly Shape[]): Metric[][] {
  if (compiled.metrics) return compiled.metrics;
  compiled.metrics = compiled.metricIds.map((ids, o) =>
    ids.map((id) => getMetric(id, { loss: compiled.losses[o], yTrueShape: yShapes[o], yPredShape: model.outputShapes[o] ?? [] })),
  );
  return compiled.metrics;
}

/** Names of the values fit reports, in order: 'loss', per-output losses, then metrics. */
export function logNames(model: TrainableModel, _compiled: CompiledModel, metrics: readonly (readonly Metric[])[]): string[] {
  const multi = model.outputNames.length > 1;
  const names = ['loss'];
  if (multi) names.push(...model.outputNames.map((o) => `${o}_loss`));
  metrics.forEach((ms, o) => {
    for (const m of ms) names.push(multi ? `${model.outputNames[o]}_${m.name}` : m.name);
  });
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n))
      throw new TensileError(`compile: two values would be logged as '${n}' for model '${model.name}'; give the metrics distinct names`);
    seen.add(n);
  }
  return names;
}

function checkWeight(w: unknown): number {
  if (typeof w !== 'number' || !Number.isFinite(w)) throw new TensileError(`compile: lossWeights must be finite numbers, got ${String(w)}`);
  return w;
}

function isRecord(x: unknown): x is Readonly<Record<string, unknown>> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
}

/** One value for every output, an array in output order, or a record by output name. */
function perOutput<I, T>(
  what: string,
  spec: I | readonly I[] | Readonly<Record<string, I>>,
  outputs: readonly string[],
  make: (id: I) => T,
): (T | undefined)[] {
  if (Array.isArray(spec)) {
    if (spec.length !== outputs.length) {
      throw new TensileError(
        `compile: ${what} has ${spec.length} entries but the model has ${outputs.length} outputs (${outputs.join(', ')})`,
      );
    }
    return spec.map((s) => make(s));
  }
  // A plain object is a record by output name (Loss and Optimizer instances are not plain objects).
  if (isRecord(spec)) {
    const unknown = Object.keys(spec).filter((k) => !outputs.includes(k));
    if (unknown.length)
      throw new TensileError(`compile: ${what} names unknown outputs ${unknown.join(', ')}; outputs are ${outputs.join(', ')}`);
    return outputs.map((o) => (o in spec ? make((spec as Record<string, I>)[o]) : undefined));
  }
  const one = make(spec as I);
  return outputs.map(() => one);
}

function metricsPerOutput(spec: CompileConfig['metrics'], outputs: readonly string[]): MetricIdentifier[][] {
  if (spec === undefined) return outputs.map(() => []);
  if (Array.isArray(spec)) {
    // [[...], [...]]: per output; a flat list applies to every output (Keras 3 for one output).
    if (spec.length > 0 && spec.every((s) => Array.isArray(s))) {
      if (spec.length !== outputs.length)
        throw new TensileError(`compile: metrics has ${spec.length} lists but the model has ${outputs.length} outputs`);
      return spec.map((s) => [...(s as MetricIdentifier[])]);
    }
    return outputs.map(() => [...(spec as MetricIdentifier[])]);
  }
  if (isRecord(spec)) {
    const unknown = Object.keys(spec).filter((k) => !outputs.includes(k));
    if (unknown.length)
      throw new TensileError(`compile: metrics names unknown outputs ${unknown.join(', ')}; outputs are ${outputs.join(', ')}`);
    return outputs.map((o) => {
      const m = spec[o];
      return m === undefined ? [] : Array.isArray(m) ? [...(m as MetricIdentifier[])] : [m as MetricIdentifier];
    });
  }
  throw new TensileError(`compile: metrics must be a list or a record by output name, got ${typeof spec}`);
}
