/**
 * Bidirectional: runs a recurrent layer forwards and a copy of it backwards over the sequence and
 * merges the two (TensorFlow.js 4.22's config: `mergeMode` and the wrapped layer's
 * `{className, config}`; weights saved as `bidirectional/forward_lstm/kernel`, then `backward_...`).
 */
import { add, ArgumentError, concat, div, ModelFormatError, mul, stack, type Tensor, unstack, type Variable } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, getRegisteredLayer, isConfigDict, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { GRU } from '../recurrent/gru.js';
import { LSTM } from '../recurrent/lstm.js';
import { RNN } from '../recurrent/rnn.js';
import { SimpleRNN } from '../recurrent/simple-rnn.js';

export type BidirectionalMergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;

export interface BidirectionalArgs extends LayerArgs {
  /** The recurrent layer to wrap; its config is copied into a forward and a backward layer. */
  layer: RNN;
  /** How the two directions combine (default 'concat'); null returns both as two outputs. */
  mergeMode?: BidirectionalMergeMode;
}

const MERGE_MODES: readonly BidirectionalMergeMode[] = ['concat', 'sum', 'mul', 'ave', null];

function copyOf(layer: RNN, name: string, goBackwards: boolean): RNN {
  const cls = layer.constructor as typeof RNN & { fromConfig(c: ConfigDict): Layer };
  const config: ConfigDict = { ...layer.getConfig(), name, goBackwards };
  delete config.batchInputShape;
  const copy = cls.fromConfig(config);
  if (!(copy instanceof RNN)) throw new ArgumentError(`bidirectional: ${layer.className}.fromConfig did not return a recurrent layer`);
  return copy;
}

export class Bidirectional extends Layer {
  static override readonly className = 'Bidirectional';
  readonly forwardLayer: RNN;
  readonly backwardLayer: RNN;
  readonly mergeMode: BidirectionalMergeMode;
  /** The wrapped layer's own name (the copies are forward_<name> and backward_<name>). */
  private readonly innerName: string;

  constructor(args: BidirectionalArgs) {
    super(args);
    if (!(args.layer instanceof RNN)) {
      throw new ArgumentError(`${this.name}: Bidirectional wraps a recurrent layer (lstm, gru, simpleRNN), got ${String(args.layer)}`);
    }
    if (args.layer.stateful) throw new ArgumentError(`${this.name}: Bidirectional does not wrap stateful layers`);
    const mode = args.mergeMode === undefined ? 'concat' : args.mergeMode;
    if (!MERGE_MODES.includes(mode)) {
      throw new ArgumentError(
        `${this.name}: mergeMode must be 'concat', 'sum', 'mul', 'ave' or null, got ${JSON.stringify(args.mergeMode)}`,
      );
    }
    this.mergeMode = mode;
    this.innerName = args.layer.name;
    this.forwardLayer = copyOf(args.layer, `forward_${args.layer.name}`, args.layer.goBackwards);
    this.backwardLayer = copyOf(args.layer, `backward_${args.layer.name}`, !args.layer.goBackwards);
    this.supportsMasking = true;
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const shape = singleShape(this.name, inputShape);
    this.forwardLayer.build(shape);
    this.backwardLayer.build(shape);
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return this.computeOutputShapes(inputShape)[0];
  }

  override computeOutputShapes(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape[] {
    const [out, ...states] = this.forwardLayer.computeOutputShapes(inputShape);
    const outputs: SymbolicShape[] =
      this.mergeMode === null ? [out, out] : this.mergeMode === 'concat' ? [[...out.slice(0, -1), (out[out.length - 1] ?? 0) * 2]] : [out];
    return [...outputs, ...states, ...states];
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Tensor | null): Tensor | null | (Tensor | null)[] {
    const out = this.forwardLayer.returnSequences ? mask : null;
    const outputs = this.mergeMode === null ? [out, out] : [out];
    const states = this.forwardLayer.returnState ? [...this.forwardLayer.stateSize, ...this.backwardLayer.stateSize].map(() => null) : [];
    return outputs.length + states.length === 1 ? out : [...outputs, ...states];
  }

  call(inputs: Tensor | Tensor[], options: CallOptions): Tensor | Tensor[] {
    const x = singleTensor(this.name, inputs);
    const [fwd, ...fStates] = this.forwardLayer.applyAll(x, options);
    let [bwd, ...bStates] = this.backwardLayer.applyAll(x, options);
    // The backward layer returns its sequence in processing order: put it back in time order.
    if (this.backwardLayer.returnSequences) bwd = stack(unstack(bwd, 1).reverse(), 1);
    const states = [...fStates, ...bStates];
    switch (this.mergeMode) {
      case null:
        return [fwd, bwd, ...states];
      case 'concat':
        return this.withStates(concat([fwd, bwd], -1), states);
      case 'sum':
        return this.withStates(add(fwd, bwd), states);
      case 'mul':
        return this.withStates(mul(fwd, bwd), states);
      case 'ave':
        return this.withStates(div(add(fwd, bwd), 2), states);
    }
  }

  private withStates(y: Tensor, states: Tensor[]): Tensor | Tensor[] {
    return states.length > 0 ? [y, ...states] : y;
  }

  override get trainable(): boolean {
    return super.trainable;
  }

  override set trainable(value: boolean) {
    super.trainable = value;
    this.forwardLayer.trainable = value;
    this.backwardLayer.trainable = value;
  }

  override get trainableWeights(): Variable[] {
    return this.trainable ? [...this.forwardLayer.trainableWeights, ...this.backwardLayer.trainableWeights] : [];
  }

  override get nonTrainableWeights(): Variable[] {
    const inner = [...this.forwardLayer.weights, ...this.backwardLayer.weights];
    return this.trainable ? [...this.forwardLayer.nonTrainableWeights, ...this.backwardLayer.nonTrainableWeights] : inner;
  }

  override originalNameOf(v: Variable): string {
    const inner = this.forwardLayer.weights.includes(v) ? this.forwardLayer : this.backwardLayer;
    return `${this.name}/${inner.originalNameOf(v)}`;
  }

  override countParams(): number {
    return this.forwardLayer.countParams() + this.backwardLayer.countParams();
  }

  override regularizationLosses(): Tensor[] {
    return this.trainable ? [...this.forwardLayer.regularizationLosses(), ...this.backwardLayer.regularizationLosses()] : [];
  }

  override dispose(): void {
    this.forwardLayer.dispose();
    this.backwardLayer.dispose();
    super.dispose();
  }

  override getConfig(): ConfigDict {
    const inner = { ...this.forwardLayer.getConfig(), name: this.innerName, goBackwards: this.forwardLayer.goBackwards };
    return { mergeMode: this.mergeMode, layer: { className: this.forwardLayer.className, config: inner }, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): Bidirectional {
    const r = new ConfigReader(config, 'Bidirectional');
    const entry = config.layer;
    if (!isConfigDict(entry) || typeof entry.className !== 'string' || !isConfigDict(entry.config)) {
      throw new ModelFormatError(
        `Bidirectional: config field 'layer' must be {class_name, config}, got ${JSON.stringify(entry)?.slice(0, 200)}`,
      );
    }
    const className = entry.className;
    const cls = [LSTM, GRU, SimpleRNN].find((c) => c.className === className) ?? getRegisteredLayer(className);
    const layer = cls?.fromConfig(entry.config);
    if (!(layer instanceof RNN)) throw new ModelFormatError(`Bidirectional: the wrapped layer must be recurrent, got class '${className}'`);
    // An absent merge_mode is Keras' default; an explicit null returns both directions.
    const raw = config.mergeMode;
    const mode = raw === undefined ? 'concat' : MERGE_MODES.find((m) => m === raw);
    if (mode === undefined) {
      throw new ModelFormatError(`Bidirectional: merge_mode must be concat, sum, mul, ave or null, got ${JSON.stringify(raw)}`);
    }
    const bi = new Bidirectional({ ...baseArgs(r), layer, mergeMode: mode });
    layer.dispose();
    return bi;
  }
}
