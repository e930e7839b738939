/** Elementwise maximum of several inputs (they broadcast, as Keras 3). */
import { maximum, type Tensor } from '@tensile/core';
import type { LayerArgs } from '../../layer.js';
import type { ConfigDict } from '../../serialization.js';
import { ElementwiseMerge, mergeFromConfig } from './elementwise-merge.js';

export class Maximum extends ElementwiseMerge {
  static override readonly className = 'Maximum';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected merge(inputs: Tensor[]): Tensor {
    return inputs.slice(1).reduce((acc, x) => maximum(acc, x), inputs[0]);
  }

  static override fromConfig(config: ConfigDict): Maximum {
    return mergeFromConfig(Maximum, 'Maximum', config);
  }
}
