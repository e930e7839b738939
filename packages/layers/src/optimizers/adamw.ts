/**
 * Keras' AdamW: Adam with decoupled weight decay (Loshchilov & Hutter); before each update
 * var -= var * weightDecay * lr. The decay itself lives in the base class, as in Keras 3.
 */
import { ADAM_OPTIONS, Adam, type AdamConfig } from './adam.js';
import { checkOptions } from './options.js';

export class AdamW extends Adam {
  override readonly className = 'AdamW';

  /** A config, or the learning rate alone. */
  constructor(config: number | AdamConfig = {}) {
    const c: AdamConfig = typeof config === 'number' ? { learningRate: config } : config;
    checkOptions('adamw', c, ADAM_OPTIONS);
    super({ name: 'adamw', ...c, weightDecay: c.weightDecay ?? 0.004 });
  }
}
