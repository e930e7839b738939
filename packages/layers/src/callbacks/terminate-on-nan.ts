/**
 * Keras' TerminateOnNaN: stops fit on the batch whose loss is NaN or infinite, and says so on the
 * console as Keras does (`Batch 2: Invalid loss, terminating training`), with the epoch added, so a
 * run that ends early does not look like one that finished. It asks for batch logs on every batch,
 * which costs one read back per batch; that is the price of stopping at the exact batch, and it is
 * paid only by runs that use this callback.
 */
import { Callback, type Logs } from './callback.js';

export class TerminateOnNaN extends Callback {
  /** The batch at which training was stopped, or null. */
  stoppedAtBatch: number | null = null;
  /** The epoch (0-based, as fit counts) in which training was stopped, or null. */
  stoppedAtEpoch: number | null = null;
  private epoch = 0;

  override wantsBatchLogs(): boolean {
    return true;
  }

  override onTrainBegin(): void {
    this.stoppedAtBatch = null;
    this.stoppedAtEpoch = null;
  }

  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  override onBatchEnd(batch: number, logs: Logs = {}): void {
    const loss = logs.loss;
    if (loss !== undefined && !Number.isFinite(loss)) {
      this.stoppedAtBatch = batch;
      this.stop(`Batch ${batch}: Invalid loss, terminating training (epoch ${this.epochLabel()}, loss ${loss})`);
    }
  }

  /** Catches a non-finite epoch loss when no batch showed one (a callback before this one changed the logs). */
  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch = epoch;
    if (logs.loss !== undefined && !Number.isFinite(logs.loss) && this.stoppedAtEpoch === null) {
      this.stop(`Epoch ${this.epochLabel()}: Invalid loss, terminating training (loss ${logs.loss})`);
    }
  }

  private stop(message: string): void {
    this.stoppedAtEpoch = this.epoch;
    this.requireModel().stopTraining = true;
    console.log(message);
  }

  /** Keras' progress numbering: 1-based, out of the run's epochs. */
  private epochLabel(): string {
    return `${this.epoch + 1}/${this.params.epochs}`;
  }
}
