/** The maximum of each window along the steps (padded positions never win). */
import { maxPool, type Tensor } from '@tensile/core';
import type { ConfigDict } from '../../serialization.js';
import { Pooling1D, pooling1dArgs } from './pooling1d.js';

export class MaxPooling1D extends Pooling1D {
  static override readonly className = 'MaxPooling1D';
  protected pool(x4: Tensor): Tensor {
    return maxPool(x4, [this.poolSize, 1], [this.strides, 1], this.padding);
  }
  static override fromConfig(config: ConfigDict): MaxPooling1D {
    return new MaxPooling1D(pooling1dArgs(config, 'MaxPooling1D'));
  }
}
