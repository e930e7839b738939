/** Keras' History: every epoch's logs by name; fit returns it. */
import { Callback, type Logs } from './callback.js';

export class History extends Callback {
  /** Epoch indices, in the order they ran (starting at `initialEpoch`). */
  epoch: number[] = [];
  /** `{loss: [...], accuracy: [...], val_loss: [...], ...}`, one entry per epoch. */
  history: Record<string, number[]> = {};

  override onTrainBegin(): void {
    this.epoch = [];
    this.history = {};
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }
}
