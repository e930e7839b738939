/** Elementwise product of several inputs (they broadcast, as Keras 3). */
import { mul, type Tensor } from '@tensile/core';
import type { LayerArgs } from '../../layer.js';
import type { ConfigDict } from '../../serialization.js';
import { ElementwiseMerge, mergeFromConfig } from './elementwise-merge.js';

export class Multiply extends ElementwiseMerge {
  static override readonly className = 'Multiply';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected merge(inputs: Tensor[]): Tensor {
    return inputs.slice(1).reduce((acc, x) => mul(acc, x), inputs[0]);
  }

  static override fromConfig(config: ConfigDict): Multiply {
    return mergeFromConfig(Multiply, 'Multiply', config);
  }
}
