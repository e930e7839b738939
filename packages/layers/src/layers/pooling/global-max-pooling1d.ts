/** The maximum over the steps of each channel. */
import { max, type Tensor } from '@tensile/core';
import type { ConfigDict } from '../../serialization.js';
import { GlobalPooling1D, globalPooling1dArgs } from './global-pooling1d.js';

export class GlobalMaxPooling1D extends GlobalPooling1D {
  static override readonly className = 'GlobalMaxPooling1D';
  protected reduce(x: Tensor): Tensor {
    return max(x, 1, this.keepdims);
  }
  static override fromConfig(config: ConfigDict): GlobalMaxPooling1D {
    return new GlobalMaxPooling1D(globalPooling1dArgs(config, 'GlobalMaxPooling1D'));
  }
}
