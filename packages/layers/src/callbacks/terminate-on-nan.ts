/**
 * Keras' TerminateOnNaN: stops fit on the batch whose loss is NaN or infinite. It asks for batch
 * logs on every batch, which costs one read back per batch; that is the price of stopping at the
 * exact batch, and it is paid only by runs that use this callback.
 */
import { Callback, type Logs } from './callback.js';

export class TerminateOnNaN extends Callback {
  /** The batch at which training was stopped, or null. */
  stoppedAtBatch: number | null = null;

  override wantsBatchLogs(): boolean {
    return true;
  }

  override onBatchEnd(batch: number, logs: Logs = {}): void {
    const loss = logs.loss;
    if (loss !== undefined && !Number.isFinite(loss)) {
      this.stoppedAtBatch = batch;
      this.requireModel().stopTraining = true;
    }
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    if (logs.loss !== undefined && !Number.isFinite(logs.loss)) this.requireModel().stopTraining = true;
  }
}
