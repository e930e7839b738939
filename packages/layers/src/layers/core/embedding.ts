/** Embedding: integer indices to dense vectors (rows of `embeddings`), with an optional padding mask. */
import { ArgumentError, cast, gather, notEqual, ShapeError, type Tensor, type Variable } from '@tensile/core';
import { getInitializer, serializeInitializer, type Initializer } from '../../initializers.js';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { getRegularizer, serializeRegularizer, type Regularizer } from '../../regularizers.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { positiveInt, type InitializerArg, type RegularizerArg } from '../utils.js';

export interface EmbeddingArgs extends LayerArgs {
  /** Vocabulary size: indices are in [0, inputDim). */
  inputDim: number;
  outputDim: number;
  embeddingsInitializer?: InitializerArg;
  embeddingsRegularizer?: RegularizerArg | null;
  /** Index 0 is padding: the output carries a mask that recurrent layers skip. */
  maskZero?: boolean;
  /** TensorFlow.js' shorthand for `inputShape: [inputLength]`. */
  inputLength?: number | number[];
}

export class Embedding extends Layer {
  static override readonly className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly maskZero: boolean;
  readonly inputLength: number | number[] | undefined;
  readonly embeddingsInitializer: Initializer;
  readonly embeddingsRegularizer: Regularizer | undefined;
  embeddings: Variable | undefined;

  constructor(args: EmbeddingArgs) {
    const length = args.inputLength;
    const shaped = args.inputShape || args.batchInputShape || length === undefined;
    super(shaped ? args : { ...args, inputShape: typeof length === 'number' ? [length] : length });
    this.inputDim = positiveInt(this.name, 'inputDim', args.inputDim);
    this.outputDim = positiveInt(this.name, 'outputDim', args.outputDim);
    this.maskZero = args.maskZero ?? false;
    this.inputLength = length;
    // Keras and TensorFlow.js draw embeddings from U(-0.05, 0.05).
    this.embeddingsInitializer = getInitializer(args.embeddingsInitializer, 'randomUniform');
    this.embeddingsRegularizer = getRegularizer(args.embeddingsRegularizer);
    this.supportsMasking = true;
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    singleShape(this.name, inputShape);
    this.embeddings = this.addWeight(
      'embeddings',
      [this.inputDim, this.outputDim],
      'float32',
      this.embeddingsInitializer,
      this.embeddingsRegularizer,
    );
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return [...singleShape(this.name, inputShape), this.outputDim];
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    if (!this.embeddings) throw new ShapeError(`${this.name}: called before build`);
    if (x.dtype === 'bool') throw new ArgumentError(`${this.name}: Embedding takes integer indices (int32 or float32), got bool`);
    return gather(this.embeddings, x.dtype === 'int32' ? x : cast(x, 'int32'), 0);
  }

  override computeMask(inputs: Tensor | Tensor[], _mask: Tensor | null): Tensor | null {
    return this.maskZero ? notEqual(singleTensor(this.name, inputs), 0) : null;
  }

  override getConfig(): ConfigDict {
    return {
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: serializeInitializer(this.embeddingsInitializer),
      embeddingsRegularizer: serializeRegularizer(this.embeddingsRegularizer),
      activityRegularizer: null,
      embeddingsConstraint: null,
      maskZero: this.maskZero,
      inputLength: this.inputLength === undefined ? null : this.inputLength,
      ...super.getConfig(),
    };
  }

  static override fromConfig(config: ConfigDict): Embedding {
    const r = new ConfigReader(config, 'Embedding');
    const length = r.optNumbers('inputLength');
    return new Embedding({
      ...baseArgs(r),
      inputDim: r.number('inputDim'),
      outputDim: r.number('outputDim'),
      embeddingsInitializer: getInitializer(r.optIdentifier('embeddingsInitializer'), 'randomUniform'),
      embeddingsRegularizer: getRegularizer(r.optIdentifier('embeddingsRegularizer')) ?? null,
      maskZero: r.optBoolean('maskZero'),
      inputLength: length,
    });
  }
}
