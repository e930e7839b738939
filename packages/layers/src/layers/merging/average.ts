/** Elementwise mean of several inputs (they broadcast, as Keras 3). */
import { add, mul, type Tensor } from '@tensile/core';
import type { LayerArgs } from '../../layer.js';
import type { ConfigDict } from '../../serialization.js';
import { ElementwiseMerge, mergeFromConfig } from './elementwise-merge.js';

export class Average extends ElementwiseMerge {
  static override readonly className = 'Average';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected merge(inputs: Tensor[]): Tensor {
    return mul(
      inputs.slice(1).reduce((acc, x) => add(acc, x), inputs[0]),
      1 / inputs.length,
    );
  }

  static override fromConfig(config: ConfigDict): Average {
    return mergeFromConfig(Average, 'Average', config);
  }
}
