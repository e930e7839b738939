/** The mean of each window along the steps (padded positions are not counted, as TensorFlow). */
import { avgPool, type Tensor } from '@tensile/core';
import type { ConfigDict } from '../../serialization.js';
import { Pooling1D, pooling1dArgs } from './pooling1d.js';

export class AveragePooling1D extends Pooling1D {
  static override readonly className = 'AveragePooling1D';
  protected pool(x4: Tensor): Tensor {
    return avgPool(x4, [this.poolSize, 1], [this.strides, 1], this.padding);
  }
  static override fromConfig(config: ConfigDict): AveragePooling1D {
    return new AveragePooling1D(pooling1dArgs(config, 'AveragePooling1D'));
  }
}
