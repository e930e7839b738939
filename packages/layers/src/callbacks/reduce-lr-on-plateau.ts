/** Keras' ReduceLROnPlateau: multiplies the learning rate by `factor` after `patience` flat epochs. */
import { Callback, monitorMode, type Logs } from './callback.js';

export interface ReduceLROnPlateauConfig {
  /** Default 'val_loss'. */
  monitor?: string;
  /** New rate = rate * factor. Default 0.1. */
  factor?: number;
  /** Default 10. */
  patience?: number;
  verbose?: number;
  mode?: 'auto' | 'min' | 'max';
  /** Threshold for a significant change. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** Default 0. */
  minLr?: number;
}

export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly minLr: number;
  wait = 0;
  best = Infinity;
  private cooldownCounter = 0;
  private readonly cooldown: number;
  private readonly minDelta: number;
  private readonly mode: 'min' | 'max';
  private readonly verbose: number;

  constructor(config: ReduceLROnPlateauConfig = {}) {
    super();
    this.monitor = config.monitor ?? 'val_loss';
    this.factor = config.factor ?? 0.1;
    if (!(this.factor < 1)) throw new Error(`ReduceLROnPlateau: factor must be below 1, got ${this.factor}`);
    this.patience = config.patience ?? 10;
    this.verbose = config.verbose ?? 0;
    this.minDelta = config.minDelta ?? 1e-4;
    this.cooldown = config.cooldown ?? 0;
    this.minLr = config.minLr ?? 0;
    this.mode = monitorMode(this.monitor, config.mode ?? 'auto');
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.cooldownCounter = 0;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const optimizer = this.optimizer;
    if (!optimizer) return;
    logs.learning_rate = optimizer.learningRate;
    const current = logs[this.monitor];
    if (current === undefined) {
      console.warn(`ReduceLROnPlateau: '${this.monitor}' is not in the logs (${Object.keys(logs).join(', ')})`);
      return;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    const better = this.mode === 'min' ? current < this.best - this.minDelta : current > this.best + this.minDelta;
    if (better) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter <= 0) {
      this.wait++;
      if (this.wait >= this.patience) {
        const old = optimizer.learningRate;
        if (old > this.minLr) {
          const next = Math.max(old * this.factor, this.minLr);
          optimizer.learningRate = next;
          if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${next}.`);
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }
}
