/** The maximum over height and width of each channel. */
import { max, type Tensor } from '@tensile/core';
import type { ConfigDict } from '../../serialization.js';
import { GlobalPooling2D, globalPoolingArgs } from './global-pooling2d.js';

export class GlobalMaxPooling2D extends GlobalPooling2D {
  static override readonly className = 'GlobalMaxPooling2D';
  protected reduce(x: Tensor): Tensor {
    return max(x, [1, 2], this.keepdims);
  }
  static override fromConfig(config: ConfigDict): GlobalMaxPooling2D {
    return new GlobalMaxPooling2D(globalPoolingArgs(config, 'GlobalMaxPooling2D'));
  }
}
