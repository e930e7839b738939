/**
 * `inputs[0] - inputs[1]`, Keras 3's `Subtract`. TensorFlow.js 4.22 has no such layer, so a model
 * holding it loads in Tensile and Keras but not in TensorFlow.js.
 */
import { sub, type Tensor } from '@tensile/core';
import type { LayerArgs } from '../../layer.js';
import type { ConfigDict } from '../../serialization.js';
import { ElementwiseMerge, mergeFromConfig } from './elementwise-merge.js';

export class Subtract extends ElementwiseMerge {
  static override readonly className = 'Subtract';
  protected override readonly arity = 2;

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected merge(inputs: Tensor[]): Tensor {
    return sub(inputs[0], inputs[1]);
  }

  static override fromConfig(config: ConfigDict): Subtract {
    return mergeFromConfig(Subtract, 'Subtract', config);
  }
}
