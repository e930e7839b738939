/** Elementwise minimum of several inputs (they broadcast, as Keras 3). */
import { minimum, type Tensor } from '@tensile/core';
import type { LayerArgs } from '../../layer.js';
import type { ConfigDict } from '../../serialization.js';
import { ElementwiseMerge, mergeFromConfig } from './elementwise-merge.js';

export class Minimum extends ElementwiseMerge {
  static override readonly className = 'Minimum';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected merge(inputs: Tensor[]): Tensor {
    return inputs.slice(1).reduce((acc, x) => minimum(acc, x), inputs[0]);
  }

  static override fromConfig(config: ConfigDict): Minimum {
    return mergeFromConfig(Minimum, 'Minimum', config);
  }
}
