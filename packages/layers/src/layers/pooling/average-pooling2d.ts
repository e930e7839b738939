/** The mean of each window (padded positions are not counted, as TensorFlow). */
import { avgPool, type Tensor } from '@tensile/core';
import type { ConfigDict } from '../../serialization.js';
import { Pooling2D, poolingArgs } from './pooling2d.js';

export class AveragePooling2D extends Pooling2D {
  static override readonly className = 'AveragePooling2D';
  protected pool(x: Tensor): Tensor {
    return avgPool(x, this.poolSize, this.strides, this.padding);
  }
  static override fromConfig(config: ConfigDict): AveragePooling2D {
    return new AveragePooling2D(poolingArgs(config, 'AveragePooling2D'));
  }
}
