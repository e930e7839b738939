/**
 * A chain of layers, each taking the previous one's output. The graph is built as soon as the
 * input shape is known: from the first layer's `inputShape`, an `input()` given first, or the
 * first batch the model is called on.
 */
import { ArgumentError, type Tensor } from '@tensile/core';
import { Layer } from '../layer.js';
import { InputLayer } from '../layers/core/input-layer.js';
import { SymbolicTensor, type SymbolicShape } from '../symbolic-tensor.js';
import { buildGraph } from './graph.js';
import { Model } from './model.js';
import { sequentialConfig } from './model-config.js';
import type { ConfigDict } from '../serialization.js';

export interface SequentialArgs {
  layers?: readonly (Layer | SymbolicTensor)[];
  name?: string;
}

export class Sequential extends Model {
  static override readonly className: string = 'Sequential';
  private readonly chain: Layer[] = [];
  private inputLayer: InputLayer | undefined;

  constructor(args: SequentialArgs = {}) {
    super({ name: args.name });
    for (const l of args.layers ?? []) this.add(l);
  }

  protected override defaultPrefix(): string {
    return 'sequential';
  }

  /** The layers without the input layer, as Keras' Sequential.layers. */
  override get layers(): Layer[] {
    return [...this.chain];
  }

  /** Appends a layer (or sets the input, for an `InputLayer` or `input()` given first). */
  add(layer: Layer | SymbolicTensor): void {
    if (layer instanceof SymbolicTensor) {
      if (!(layer.sourceLayer instanceof InputLayer))
        throw new ArgumentError(`${this.name}.add: only input() tensors can be added, got ${layer.name}`);
      this.setInput(layer.sourceLayer);
      return;
    }
    if (!(layer instanceof Layer)) throw new ArgumentError(`${this.name}.add: expected a Layer, got ${typeof layer}`);
    if (layer instanceof InputLayer) {
      this.setInput(layer);
      return;
    }
    if (this.chain.some((l) => l.name === layer.name)) {
      throw new ArgumentError(`${this.name}.add: a layer named '${layer.name}' is already in the model; layer names must be unique`);
    }
    this.chain.push(layer);
    const madeInput = !this.inputLayer && this.chain.length === 1 && layer.batchInputShape !== undefined;
    if (madeInput && layer.batchInputShape)
      this.inputLayer = new InputLayer({ batchInputShape: layer.batchInputShape, dtype: layer.dtype });
    try {
      this.rebuild();
    } catch (err) {
      // An incompatible layer is not kept: the model stays as it was.
      this.chain.pop();
      if (madeInput) this.inputLayer = undefined;
      this.rebuild();
      throw err;
    }
  }

  /** Removes the last layer. */
  pop(): Layer {
    const layer = this.chain.pop();
    if (!layer) throw new ArgumentError(`${this.name}.pop: the model has no layers`);
    this.rebuild();
    return layer;
  }

  private setInput(input: InputLayer): void {
    if (this.inputLayer || this.chain.length > 0) {
      throw new ArgumentError(`${this.name}.add: an input can only be added first, to an empty model`);
    }
    this.inputLayer = input;
  }

  /** Builds the graph by applying the chain to the input (layers build their weights once). */
  private rebuild(): void {
    if (!this.inputLayer || this.chain.length === 0) {
      this.graph = undefined;
      return;
    }
    let x: SymbolicTensor = this.inputLayer.output;
    for (const layer of this.chain) {
      // A layer already called in this chain reuses its node, so rebuilding adds no new nodes.
      const existing = layer.inboundNodes.find((n) => n.inputs.length === 1 && n.inputs[0] === x);
      x = existing ? existing.outputs[0] : layer.apply(x);
    }
    this.graph = buildGraph(this.name, [this.inputLayer.output], [x]);
  }

  /** Builds from the first batch when no input shape was given. */
  protected override ensureBuiltFor(xs: readonly Tensor[]): void {
    if (this.graph || this.chain.length === 0) return;
    if (xs.length !== 1) throw new ArgumentError(`${this.name}: a Sequential model takes one input, got ${xs.length}`);
    const shape: SymbolicShape = [null, ...xs[0].shape.slice(1)];
    this.inputLayer = new InputLayer({ batchInputShape: shape, dtype: xs[0].dtype === 'int32' ? 'int32' : 'float32' });
    this.rebuild();
  }

  override getConfig(): ConfigDict {
    return sequentialConfig(this);
  }

  /** The input layer (made from the first layer's input shape when none was given). */
  get input(): InputLayer | undefined {
    return this.inputLayer;
  }
}

/** `sequential([layers.dense({units: 10, inputShape: [4]}), ...])`, or `sequential({layers, name})`. */
export function sequential(layersOrArgs: readonly (Layer | SymbolicTensor)[] | SequentialArgs = {}): Sequential {
  return new Sequential(isList(layersOrArgs) ? { layers: layersOrArgs } : layersOrArgs);
}

function isList(x: readonly (Layer | SymbolicTensor)[] | SequentialArgs): x is readonly (Layer | SymbolicTensor)[] {
  return Array.isArray(x);
}
