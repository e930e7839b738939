/**
 * The entry of a functional graph: `input({shape: [28, 28, 1]})` makes an InputLayer and returns
 * its symbolic output.
 */
import { ArgumentError, type DType, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import { Node, SymbolicTensor, type SymbolicShape } from '../../symbolic-tensor.js';

export interface InputLayerArgs {
  /** Shape without the batch dimension. */
  inputShape?: SymbolicShape;
  batchSize?: number;
  /** Shape with the batch dimension (`batch_shape` in Keras 3). */
  batchInputShape?: SymbolicShape;
  dtype?: DType;
  name?: string;
  sparse?: boolean;
}

export class InputLayer extends Layer {
  static override readonly className = 'InputLayer';
  readonly output: SymbolicTensor;

  constructor(args: InputLayerArgs) {
    if (!args.inputShape && !args.batchInputShape) {
      throw new ArgumentError('InputLayer: give inputShape (without the batch dimension) or batchInputShape');
    }
    super({ ...args, trainable: false });
    if (args.sparse) throw new ArgumentError(`${this.name}: sparse inputs are not supported`);
    const shape = this.batchInputShape ?? [];
    const node = new Node(this, []);
    this.output = new SymbolicTensor(this.dtype, shape, this, 0, 0);
    node.outputs.push(this.output);
    this.inboundNodes.push(node);
    this.built = true;
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    return singleTensor(this.name, inputs);
  }

  /** The identity: the output is the input. */
  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return singleShape(this.name, inputShape);
  }

  override getConfig(): ConfigDict {
    return { batchInputShape: [...(this.batchInputShape ?? [])], dtype: this.dtype, sparse: false, name: this.name };
  }

  static override fromConfig(config: ConfigDict): InputLayer {
    const args = baseArgs(new ConfigReader(config, 'InputLayer'));
    return new InputLayer({ name: args.name, batchInputShape: args.batchInputShape, dtype: args.dtype });
  }
}

export interface InputConfig {
  shape?: SymbolicShape;
  batchShape?: SymbolicShape;
  batchSize?: number;
  name?: string;
  dtype?: DType;
}

/** A symbolic input for the functional API: `const x = input({shape: [784]})`. */
export function input(config: InputConfig): SymbolicTensor {
  if (!config.shape && !config.batchShape) throw new ArgumentError('input: give shape (without the batch dimension) or batchShape');
  return new InputLayer({
    inputShape: config.shape,
    batchInputShape: config.batchShape,
    batchSize: config.batchSize,
    name: config.name,
    dtype: config.dtype,
  }).output;
}
