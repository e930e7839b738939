/** Densely connected layer: activation(x · kernel + bias) over the last axis. */
import { add, fused, matMul, reshape, ShapeError, type Tensor, type Variable } from '@tensile/core';
import { fusedActivation } from '../../activations.js';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import {
  positiveInt,
  readWeightOptions,
  weightOptions,
  weightOptionsConfig,
  type ActivationArg,
  type InitializerArg,
  type RegularizerArg,
  type WeightOptions,
} from '../utils.js';

export interface DenseArgs extends LayerArgs {
  units: number;
  activation?: ActivationArg | null;
  useBias?: boolean;
  kernelInitializer?: InitializerArg;
  biasInitializer?: InitializerArg;
  kernelRegularizer?: RegularizerArg | null;
  biasRegularizer?: RegularizerArg | null;
  /** TensorFlow.js' shorthand for `inputShape: [inputDim]`. */
  inputDim?: number;
}

export class Dense extends Layer {
  static override readonly className = 'Dense';
  readonly units: number;
  readonly useBias: boolean;
  readonly options: WeightOptions;
  kernel: Variable | undefined;
  bias: Variable | undefined;

  constructor(args: DenseArgs) {
    super(args.inputDim !== undefined && !args.inputShape && !args.batchInputShape ? { ...args, inputShape: [args.inputDim] } : args);
    // Elementwise over time steps, so a sequence mask passes through (as Keras and TF.js).
    this.supportsMasking = true;
    this.units = positiveInt(this.name, 'units', args.units);
    this.useBias = args.useBias ?? true;
    this.options = weightOptions(args);
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const shape = singleShape(this.name, inputShape);
    const inputDim = shape[shape.length - 1];
    if (shape.length < 2 || inputDim === null) {
      throw new ShapeError(`${this.name}: Dense needs inputs of rank >= 2 with a known last dimension, got (${shape.join(', ')})`);
    }
    const o = this.options;
    this.kernel = this.addWeight('kernel', [inputDim, this.units], 'float32', o.kernelInitializer, o.kernelRegularizer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], 'float32', o.biasInitializer, o.biasRegularizer);
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const shape = singleShape(this.name, inputShape);
    return [...shape.slice(0, -1), this.units];
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    const kernel = this.kernel;
    if (!kernel) throw new ShapeError(`${this.name}: called before build`);
    if (x.shape[x.rank - 1] !== kernel.shape[0]) {
      throw new ShapeError(`${this.name}: expected inputs whose last dimension is ${kernel.shape[0]}, got shape [${x.shape.join(', ')}]`);
    }
    // Rank > 2 inputs apply the kernel to the last axis: flatten the leading axes, then restore them.
    const x2 = x.rank === 2 ? x : reshape(x, [-1, kernel.shape[0]]);
    const fusable = fusedActivation(this.options.activation);
    let y: Tensor;
    if (fusable) {
      y = fused.matMul({ a: x2, b: kernel, bias: this.bias, activation: fusable });
    } else {
      const z = matMul(x2, kernel);
      y = this.options.activation.apply(this.bias ? add(z, this.bias) : z);
    }
    return x.rank === 2 ? y : reshape(y, [...x.shape.slice(0, -1), this.units]);
  }

  override getConfig(): ConfigDict {
    const w = weightOptionsConfig(this.options);
    return {
      units: this.units,
      activation: w.activation,
      useBias: this.useBias,
      kernelInitializer: w.kernelInitializer,
      biasInitializer: w.biasInitializer,
      kernelRegularizer: w.kernelRegularizer,
      biasRegularizer: w.biasRegularizer,
      activityRegularizer: null,
      kernelConstraint: null,
      biasConstraint: null,
      ...super.getConfig(),
    };
  }

  static override fromConfig(config: ConfigDict): Dense {
    const r = new ConfigReader(config, 'Dense');
    return new Dense({ ...baseArgs(r), units: r.number('units'), useBias: r.optBoolean('useBias'), ...readWeightOptions(r) });
  }
}
