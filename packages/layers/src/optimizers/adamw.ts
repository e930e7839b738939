/**
 * Keras' AdamW: Adam with decoupled weight decay (Loshchilov & Hutter); before each update
 * var -= var * weightDecay * lr. The decay itself lives in the base class, as in Keras 3.
 */
import { Adam, type AdamConfig } from './adam.js';

export class AdamW extends Adam {
  override readonly className = 'AdamW';

  constructor(config: AdamConfig = {}) {
    super({ name: 'adamw', ...config, weightDecay: config.weightDecay ?? 0.004 });
  }
}
