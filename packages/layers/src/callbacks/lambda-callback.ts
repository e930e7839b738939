/** Keras' LambdaCallback: hooks given as functions. */
import { Callback, type Logs } from './callback.js';

// The same signatures as Callback's methods, so a plain object of hooks given where either is
// accepted (fit's `callbacks`) still gets its parameters typed.
type TrainHook = (logs?: Logs) => void | Promise<void>;
type StepHook = (index: number, logs?: Logs) => void | Promise<void>;

export interface LambdaCallbackConfig {
  onTrainBegin?: TrainHook;
  onTrainEnd?: TrainHook;
  onEpochBegin?: StepHook;
  onEpochEnd?: StepHook;
  onBatchBegin?: StepHook;
  onBatchEnd?: StepHook;
  /**
   * Read loss and metrics for `onBatchEnd` on every batch (one read back each). Default: true when
   * `onBatchEnd` is given, since a batch hook usually looks at the loss.
   */
  batchLogs?: boolean;
}

export class LambdaCallback extends Callback {
  private readonly hooks: LambdaCallbackConfig;

  constructor(hooks: LambdaCallbackConfig) {
    super();
    this.hooks = hooks;
  }

  override wantsBatchLogs(): boolean {
    return this.hooks.batchLogs ?? this.hooks.onBatchEnd !== undefined;
  }

  override async onTrainBegin(logs?: Logs): Promise<void> {
    await this.hooks.onTrainBegin?.(logs);
  }
  override async onTrainEnd(logs?: Logs): Promise<void> {
    await this.hooks.onTrainEnd?.(logs);
  }
  override async onEpochBegin(epoch: number, logs?: Logs): Promise<void> {
    await this.hooks.onEpochBegin?.(epoch, logs);
  }
  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    await this.hooks.onEpochEnd?.(epoch, logs);
  }
  override async onBatchBegin(batch: number, logs?: Logs): Promise<void> {
    await this.hooks.onBatchBegin?.(batch, logs);
  }
  override async onBatchEnd(batch: number, logs?: Logs): Promise<void> {
    await this.hooks.onBatchEnd?.(batch, logs);
  }
}
