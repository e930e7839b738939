/** Keras' LambdaCallback: hooks given as functions. */
import { Callback, type Logs } from './callback.js';

type Hook<A extends unknown[]> = (...args: A) => void | Promise<void>;

export interface LambdaCallbackConfig {
  onTrainBegin?: Hook<[Logs | undefined]>;
  onTrainEnd?: Hook<[Logs | undefined]>;
  onEpochBegin?: Hook<[number, Logs | undefined]>;
  onEpochEnd?: Hook<[number, Logs | undefined]>;
  onBatchBegin?: Hook<[number, Logs | undefined]>;
  onBatchEnd?: Hook<[number, Logs | undefined]>;
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
