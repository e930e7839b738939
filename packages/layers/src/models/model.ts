/**
 * The functional model: a DAG of layer calls from `input()`s to outputs, with several inputs and
 * outputs and shared layers. `Sequential` is the special case of a chain.
 */
import { ArgumentError, reshape, Tensor, tidy, type Variable } from '@tensile/core';
import type { Layer } from '../layer.js';
import { uniqueLayerName } from '../layer.js';
import { SymbolicTensor, type SymbolicShape } from '../symbolic-tensor.js';
import type { TrainableModel } from '../training/trainable.js';
import { buildGraph, nodeOf, runGraph, type Graph } from './graph.js';
import { summaryLines, type SummaryOptions } from './summary.js';
import { saveModel, type SaveDestination } from './save.js';
import type { SaveResult } from '../io/types.js';
import { compile, disposeCompiled, getCompiled, type CompileConfig } from '../training/compile.js';
import { fit, type FitOptions } from '../training/fit-loop.js';
import {
  type BatchDataset,
  type EvaluateDatasetOptions,
  type FitDatasetOptions,
  evaluateDataset,
  fitDataset,
} from '../training/fit-dataset.js';
import { refuseDuringFit } from '../training/fit-lock.js';
import { evaluate, predict, trainOnBatch, type EvaluateOptions, type PredictOptions } from '../training/evaluate.js';
import type { Batch, TensorData } from '../training/data.js';
import type { History } from '../callbacks/history.js';
import type { Logs } from '../callbacks/callback.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { ConfigDict } from '../serialization.js';
import { functionalConfig, modelTopology } from './model-config.js';

export interface ModelArgs {
  inputs: SymbolicTensor | readonly SymbolicTensor[];
  outputs: SymbolicTensor | readonly SymbolicTensor[];
  name?: string;
}

export interface DisposeResult {
  /** How many weight variables were freed. */
  numDisposedVariables: number;
}

export class Model implements TrainableModel {
  static readonly className: string = 'Model';
  readonly name: string;
  /** Set by callbacks (EarlyStopping, TerminateOnNaN) to end `fit`. */
  stopTraining = false;
  /** The graph; Sequential builds it once the input shape is known. */
  protected graph: Graph | undefined;
  private disposed = false;

  constructor(args: Partial<ModelArgs> = {}) {
    this.name = args.name ?? uniqueLayerName(this.defaultPrefix());
    if (args.inputs !== undefined || args.outputs !== undefined) {
      if (!args.inputs || !args.outputs) throw new ArgumentError(`${this.name}: give both inputs and outputs`);
      this.graph = buildGraph(this.name, toList(args.inputs), toList(args.outputs));
    }
  }

  protected defaultPrefix(): string {
    return 'model';
  }

  get className(): string {
    return (this.constructor as typeof Model).className;
  }

  /** The graph, or a clear error for a Sequential that has not seen an input shape yet. */
  protected requireGraph(api: string): Graph {
    if (!this.graph) {
      throw new ArgumentError(
        `${this.name}.${api}: the model is not built yet; give the first layer an inputShape, add input(), or call it on data first`,
      );
    }
    return this.graph;
  }

  get built(): boolean {
    return this.graph !== undefined;
  }

  get inputs(): readonly SymbolicTensor[] {
    return this.requireGraph('inputs').inputs;
  }

  get outputs(): readonly SymbolicTensor[] {
    return this.requireGraph('outputs').outputs;
  }

  /** Every layer once, inputs first, producers before consumers. */
  get layers(): Layer[] {
    return this.graph ? [...this.graph.layers] : [];
  }

  getLayer(nameOrIndex: string | number): Layer {
    const layers = this.layers;
    const layer = typeof nameOrIndex === 'number' ? layers[nameOrIndex] : layers.find((l) => l.name === nameOrIndex);
    if (!layer)
      throw new ArgumentError(`${this.name}: no layer ${JSON.stringify(nameOrIndex)}; layers are ${layers.map((l) => l.name).join(', ')}`);
    return layer;
  }

  get inputNames(): string[] {
    return this.inputs.map((t) => t.sourceLayer.name);
  }

  get outputNames(): string[] {
    return this.outputs.map((t) => t.sourceLayer.name);
  }

  get inputShapes(): SymbolicShape[] {
    return this.inputs.map((t) => t.shape);
  }

  get outputShapes(): SymbolicShape[] {
    return this.outputs.map((t) => t.shape);
  }

  get trainable(): boolean {
    return this.layers.some((l) => l.trainable);
  }

  set trainable(value: boolean) {
    for (const l of this.layers) l.trainable = value;
  }

  /** Trainable weights of every layer, each shared variable once, in layer order. */
  get trainableWeights(): Variable[] {
    return unique(this.layers.flatMap((l) => l.trainableWeights));
  }

  get nonTrainableWeights(): Variable[] {
    return unique(this.layers.flatMap((l) => l.nonTrainableWeights));
  }

  /** Every weight in Keras' order: layer by layer, each layer's trainable weights first. */
  get weights(): Variable[] {
    return unique(this.layers.flatMap((l) => l.weights));
  }

  countParams(): number {
    return this.weights.reduce((n, v) => n + v.size, 0);
  }

  /**
   * The forward pass on concrete tensors (one per input, in order). Returns one tensor for a
   * single-output model, else a list in output order.
   */
  apply(inputs: Tensor | readonly Tensor[], options: { training?: boolean } = {}): Tensor | Tensor[] {
    const xs = Array.isArray(inputs) ? [...inputs] : [inputs];
    this.ensureBuiltFor(xs);
    const graph = this.requireGraph('apply');
    const ys = tidy(() => runGraph(graph, xs, options.training ?? false, this.name));
    return ys.length === 1 ? ys[0] : ys;
  }

  /** Sequential builds itself from the first batch; a functional model is built already. */
  protected ensureBuiltFor(_xs: readonly Tensor[]): void {}

  regularizationLosses(): Tensor[] {
    return this.layers.flatMap((l) => l.regularizationLosses());
  }

  /** Snapshots of every weight, in `weights` order. */
  getWeights(): Tensor[] {
    return this.layers.length === 0 ? [] : this.weights.map((v) => reshape(v, v.shape));
  }

  setWeights(weights: readonly Tensor[]): void {
    const own = this.weights;
    if (weights.length !== own.length)
      throw new ArgumentError(`${this.name}: setWeights expected ${own.length} tensors, got ${weights.length}`);
    own.forEach((v, i) => {
      const w = weights[i];
      if (w.shape.length !== v.shape.length || w.shape.some((d, j) => d !== v.shape[j])) {
        throw new ArgumentError(`${this.name}: weight ${i} ('${v.name}') has shape [${v.shape.join(', ')}], got [${w.shape.join(', ')}]`);
      }
      v.assign(w);
    });
  }

  /** Keras' compile: optimizer, loss(es) and metrics by name or object. */
  compile(config: CompileConfig): void {
    compile(this, config);
  }

  /** The optimizer set by `compile`, if any. */
  get optimizer(): Optimizer | undefined {
    return getCompiled(this)?.optimizer;
  }

  /** Trains on tensors, or on an async iterable of `{x, y}` batches. */
  fit(x: TensorData, y: TensorData, options?: FitOptions): Promise<History>;
  fit(data: AsyncIterable<Batch>, options?: FitOptions): Promise<History>;
  fit(x: TensorData | AsyncIterable<Batch>, yOrOptions?: TensorData | FitOptions, options?: FitOptions): Promise<History> {
    return isIterable(x) ? fit(this, x, asOptions<FitOptions>(yOrOptions)) : fit(this, x, asData(yOrOptions, 'fit'), options);
  }

  evaluate(x: TensorData, y: TensorData, options?: EvaluateOptions): Promise<number | number[] | Logs>;
  evaluate(data: AsyncIterable<Batch>, options?: EvaluateOptions): Promise<number | number[] | Logs>;
  evaluate(
    x: TensorData | AsyncIterable<Batch>,
    yOrOptions?: TensorData | EvaluateOptions,
    options?: EvaluateOptions,
  ): Promise<number | number[] | Logs> {
    return isIterable(x)
      ? evaluate(this, x, asOptions<EvaluateOptions>(yOrOptions))
      : evaluate(this, x, asData(yOrOptions, 'evaluate'), options);
  }

  /** TensorFlow.js' fitDataset: trains on a dataset of `{xs, ys}` batches (see training/fit-dataset.ts). */
  fitDataset(dataset: BatchDataset, options: FitDatasetOptions): Promise<History> {
    return fitDataset(this, dataset, options);
  }

  /** TensorFlow.js' evaluateDataset: the loss (and metrics) over a dataset of `{xs, ys}` batches. */
  evaluateDataset(dataset: BatchDataset, options?: EvaluateDatasetOptions): Promise<number | number[] | Logs> {
    return evaluateDataset(this, dataset, options);
  }

  /** Inference in batches; the outputs are concatenated. */
  predict(x: TensorData, options?: PredictOptions): Tensor | Tensor[] {
    return predict(this, x, options);
  }

  /** One training step on one batch; returns its loss (and metrics). */
  trainOnBatch(x: TensorData, y: TensorData): Promise<number | number[] | Logs> {
    return trainOnBatch(this, x, y);
  }

  /** A Keras-style table; printed with `printFn` (console.log by default) and returned. */
  summary(options: SummaryOptions = {}): string[] {
    const lines = summaryLines(this, options);
    const print = options.printFn ?? ((line: string) => console.log(line));
    for (const line of lines) print(line);
    return lines;
  }

  /** Saves topology and weights in the TensorFlow.js layers format (file://, indexeddb://, downloads://, http(s)://, or a handler). */
  save(destination: SaveDestination): Promise<SaveResult> {
    return saveModel(this, destination);
  }

  /**
   * TensorFlow.js' `toJSON`: the topology as model.json's `modelTopology` holds it ({class_name,
   * config, keras_version, backend}), as a JSON string, or the object when `returnString` is false.
   */
  toJSON(_unused?: unknown, returnString = true): string | ConfigDict {
    const topology = modelTopology(this);
    return returnString ? JSON.stringify(topology) : topology;
  }

  /** The model's config as saved under `modelTopology.config` (Keras JSON, snake_case). */
  getConfig(): ConfigDict {
    return functionalConfig(this);
  }

  /** Frees every weight and the optimizer state compile created. The model is unusable after. */
  dispose(): DisposeResult {
    if (this.disposed) return { numDisposedVariables: 0 };
    refuseDuringFit(this, 'dispose', 'dispose', 'set model.stopTraining = true, await fit, then dispose');
    const n = this.weights.length;
    disposeCompiled(this);
    for (const layer of this.layers) layer.dispose();
    this.disposed = true;
    return { numDisposedVariables: n };
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** The node index of `t`'s producer among its layer's nodes that belong to this model. */
  modelNodeIndex(t: SymbolicTensor): number {
    const graph = this.requireGraph('modelNodeIndex');
    const node = nodeOf(t);
    const own = t.sourceLayer.inboundNodes.filter((n) => graph.nodes.includes(n));
    return own.indexOf(node);
  }

  /** The graph's nodes, producers first. */
  get nodes(): Graph['nodes'] {
    return this.requireGraph('nodes').nodes;
  }
}

/** Builds a functional model: `model({inputs: x, outputs: y})`. */
export function model(args: ModelArgs): Model {
  return new Model(args);
}

function toList(x: SymbolicTensor | readonly SymbolicTensor[]): SymbolicTensor[] {
  const list = x instanceof SymbolicTensor ? [x] : [...x];
  for (const t of list) {
    if (!(t instanceof SymbolicTensor))
      throw new ArgumentError(`model: inputs and outputs must be SymbolicTensors (from input() and layer.apply), got ${typeof t}`);
  }
  return list;
}

function isIterable(x: unknown): x is AsyncIterable<Batch> {
  return typeof x === 'object' && x !== null && Symbol.asyncIterator in x;
}

/** The second argument of fit/evaluate on tensors: the targets. */
function asData(y: unknown, api: string): TensorData {
  if (y instanceof Tensor || Array.isArray(y) || (typeof y === 'object' && y !== null)) return y as TensorData;
  throw new ArgumentError(`${api}: expected targets y after x, got ${typeof y}`);
}

/** The second argument of fit/evaluate on an iterable: the options. */
function asOptions<O>(o: unknown): O | undefined {
  return typeof o === 'object' && o !== null && !(o instanceof Tensor) ? (o as O) : undefined;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
