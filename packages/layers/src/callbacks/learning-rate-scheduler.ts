/** Keras' LearningRateScheduler: sets the rate from `schedule(epoch, currentRate)` at each epoch start. */
import { Callback, type Logs } from './callback.js';

export type EpochSchedule = (epoch: number, learningRate: number) => number;

export class LearningRateScheduler extends Callback {
  constructor(
    readonly schedule: EpochSchedule,
    private readonly verbose = 0,
  ) {
    super();
  }

  override onEpochBegin(epoch: number): void {
    const optimizer = this.optimizer;
    if (!optimizer) return;
    const lr = this.schedule(epoch, optimizer.learningRate);
    if (typeof lr !== 'number' || !Number.isFinite(lr)) {
      throw new Error(`LearningRateScheduler: the schedule must return a finite number, got ${String(lr)} at epoch ${epoch}`);
    }
    optimizer.learningRate = lr;
    if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${lr}.`);
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    if (this.optimizer) logs.learning_rate = this.optimizer.learningRate;
  }
}
