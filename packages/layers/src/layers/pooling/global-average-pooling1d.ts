/** The mean over the steps of each channel. */
import { mean, type Tensor } from '@tensile/core';
import type { ConfigDict } from '../../serialization.js';
import { GlobalPooling1D, globalPooling1dArgs } from './global-pooling1d.js';

export class GlobalAveragePooling1D extends GlobalPooling1D {
  static override readonly className = 'GlobalAveragePooling1D';
  protected reduce(x: Tensor): Tensor {
    return mean(x, 1, this.keepdims);
  }
  static override fromConfig(config: ConfigDict): GlobalAveragePooling1D {
    return new GlobalAveragePooling1D(globalPooling1dArgs(config, 'GlobalAveragePooling1D'));
  }
}
