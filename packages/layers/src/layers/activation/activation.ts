/** Applies an activation function: `layers.activation({activation: 'relu'})`. */
import type { Tensor } from '@tensile/core';
import { getActivation, type Activation as ActivationFn } from '../../activations.js';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import type { ActivationArg } from '../utils.js';

export interface ActivationArgs extends LayerArgs {
  activation: ActivationArg;
}

export class Activation extends Layer {
  static override readonly className = 'Activation';
  readonly activation: ActivationFn;

  constructor(args: ActivationArgs) {
    super(args);
    // Elementwise over time steps, so a sequence mask passes through (as Keras and TF.js).
    this.supportsMasking = true;
    this.activation = getActivation(args.activation);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    return this.activation.apply(singleTensor(this.name, inputs));
  }

  /** Elementwise: the output has the input's shape. */
  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return singleShape(this.name, inputShape);
  }

  override getConfig(): ConfigDict {
    return { activation: this.activation.name, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): Activation {
    const r = new ConfigReader(config, 'Activation');
    return new Activation({ ...baseArgs(r), activation: getActivation(r.optIdentifier('activation')) });
  }
}
