/**
 * Keras 3's EarlyStopping: stops when `monitor` has not improved by more than `minDelta` for
 * `patience` epochs; with `restoreBestWeights` the model ends with the weights of its best epoch
 * (or of the start, if no epoch improved on `baseline`).
 */
import { dispose, keep, reshape, tidy, type Tensor } from '@tensile/core';
import { Callback, monitorMode, type Logs } from './callback.js';

export interface EarlyStoppingConfig {
  /** Default 'val_loss'. */
  monitor?: string;
  /** Smallest change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  verbose?: number;
  /** Default 'auto' (max for accuracy-like names, min otherwise). */
  mode?: 'auto' | 'min' | 'max';
  /** Training stops unless the monitored value beats this. */
  baseline?: number;
  /** Default false. */
  restoreBestWeights?: boolean;
  /** Epochs to wait before looking at all (warm-up). Default 0. */
  startFromEpoch?: number;
}

export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly patience: number;
  readonly restoreBestWeights: boolean;
  wait = 0;
  stoppedEpoch = 0;
  best = Infinity;
  bestEpoch = 0;
  private readonly mode: 'min' | 'max';
  private readonly minDelta: number;
  private readonly baseline?: number;
  private readonly verbose: number;
  private readonly startFromEpoch: number;
  private bestWeights: Tensor[] | null = null;

  constructor(config: EarlyStoppingConfig = {}) {
    super();
    this.monitor = config.monitor ?? 'val_loss';
    this.patience = config.patience ?? 0;
    this.verbose = config.verbose ?? 0;
    this.baseline = config.baseline;
    this.restoreBestWeights = config.restoreBestWeights ?? false;
    this.startFromEpoch = config.startFromEpoch ?? 0;
    this.mode = monitorMode(this.monitor, config.mode ?? 'auto');
    this.minDelta = Math.abs(config.minDelta ?? 0);
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.bestEpoch = 0;
    this.setBestWeights(null);
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const current = logs[this.monitor];
    if (current === undefined) {
      console.warn(`EarlyStopping: '${this.monitor}' is not in the logs (${Object.keys(logs).join(', ')}); not stopping`);
      return;
    }
    if (epoch < this.startFromEpoch) return;
    // Keep the starting weights so there is something to restore even if no epoch improves.
    if (this.restoreBestWeights && this.bestWeights === null) this.setBestWeights(this.snapshot());
    this.wait++;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.setBestWeights(this.snapshot());
      if (this.baseline === undefined || this.isImprovement(current, this.baseline)) {
        this.wait = 0;
        return;
      }
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.requireModel().stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights !== null) {
      if (this.verbose > 0) console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      this.requireModel().setWeights(this.bestWeights);
    }
    this.setBestWeights(null);
  }

  private isImprovement(value: number, reference: number): boolean {
    return this.mode === 'min' ? value + this.minDelta < reference : value - this.minDelta > reference;
  }

  /** Views of the current weights: they share storage until the optimizer writes a weight, and
   *  in-place updates copy on write, so the view keeps the old values without a copy now. */
  private snapshot(): Tensor[] {
    return tidy(() =>
      this.requireModel()
        .getWeights()
        .map((w) => keep(reshape(w, w.shape))),
    );
  }

  private setBestWeights(weights: Tensor[] | null): void {
    if (this.bestWeights) dispose(this.bestWeights);
    this.bestWeights = weights;
  }
}
