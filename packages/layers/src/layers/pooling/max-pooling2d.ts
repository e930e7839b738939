/** The maximum of each window (padded positions never win). */
import { maxPool, type Tensor } from '@tensile/core';
import type { ConfigDict } from '../../serialization.js';
import { Pooling2D, poolingArgs } from './pooling2d.js';

export class MaxPooling2D extends Pooling2D {
  static override readonly className = 'MaxPooling2D';
  protected pool(x: Tensor): Tensor {
    return maxPool(x, this.poolSize, this.strides, this.padding);
  }
  static override fromConfig(config: ConfigDict): MaxPooling2D {
    return new MaxPooling2D(poolingArgs(config, 'MaxPooling2D'));
  }
}
