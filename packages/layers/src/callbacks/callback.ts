/**
 * The callback base and the list fit drives, as Keras' `Callback` / `CallbackList`. Every hook may
 * be async (ModelCheckpoint awaits `model.save`, CSVLogger writes a file); fit awaits each one.
 *
 * Batch logs cost a read back from the device, so fit reads them only for batches where some
 * callback's `wantsBatchLogs(batch)` says yes (the progress bar: at most every ~100 ms;
 * TerminateOnNaN: every batch). Otherwise `onBatchEnd` gets only `{batch, size}`.
 */
import type { Optimizer } from '../optimizers/optimizer.js';
import type { TrainableModel } from '../training/trainable.js';

/** Values by Keras' names: 'loss', 'accuracy', 'val_loss', ...; batch logs also 'batch', 'size'. */
export type Logs = Record<string, number>;

/** What fit tells callbacks about the run (Keras' `callback.params`). */
export interface TrainingParams {
  epochs: number;
  /** Batches per epoch; null while unknown (an iterable's first epoch). */
  steps: number | null;
  /** Training samples per epoch; null for iterables. */
  samples: number | null;
  batchSize: number | null;
  verbose: number;
  doValidation: boolean;
  /** Names of the values in epoch logs, training ones first then 'val_' ones. */
  metrics: string[];
}

export class Callback {
  /** Set by fit before `onTrainBegin`. */
  model?: TrainableModel;
  /** The compiled optimizer, for callbacks that change the learning rate. */
  optimizer?: Optimizer;
  params: TrainingParams = { epochs: 0, steps: null, samples: null, batchSize: null, verbose: 0, doValidation: false, metrics: [] };

  setModel(model: TrainableModel): void {
    this.model = model;
  }
  setOptimizer(optimizer: Optimizer): void {
    this.optimizer = optimizer;
  }
  setParams(params: TrainingParams): void {
    this.params = params;
  }

  /** True where this callback needs loss and metric values in `onBatchEnd` for this batch. */
  wantsBatchLogs(_batch: number): boolean {
    return false;
  }

  onTrainBegin(_logs?: Logs): void | Promise<void> {}
  onTrainEnd(_logs?: Logs): void | Promise<void> {}
  onEpochBegin(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onEpochEnd(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}

  /** The model, or a clear error when a hook runs outside fit. */
  protected requireModel(): TrainableModel {
    if (!this.model) throw new Error(`${this.constructor.name}: no model; callbacks run inside fit`);
    return this.model;
  }
}

/** Runs hooks of several callbacks in order. */
export class CallbackList {
  readonly callbacks: Callback[];

  constructor(callbacks: readonly Callback[] = []) {
    this.callbacks = [...callbacks];
  }

  setContext(model: TrainableModel, optimizer: Optimizer, params: TrainingParams): void {
    for (const c of this.callbacks) {
      c.setModel(model);
      c.setOptimizer(optimizer);
      c.setParams(params);
    }
  }

  wantsBatchLogs(batch: number): boolean {
    // Ask every callback (no short-circuit), so each can track its own schedule.
    let wanted = false;
    for (const c of this.callbacks) if (c.wantsBatchLogs(batch)) wanted = true;
    return wanted;
  }

  async onTrainBegin(logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onTrainBegin(logs);
  }
  async onTrainEnd(logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onTrainEnd(logs);
  }
  async onEpochBegin(epoch: number, logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onEpochBegin(epoch, logs);
  }
  async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onEpochEnd(epoch, logs);
  }
  async onBatchBegin(batch: number, logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onBatchBegin(batch, logs);
  }
  async onBatchEnd(batch: number, logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onBatchEnd(batch, logs);
  }
}

/** Keras' "auto" mode: maximise metrics that look like accuracy, minimise everything else. */
export function monitorMode(monitor: string, mode: 'auto' | 'min' | 'max'): 'min' | 'max' {
  if (mode !== 'auto') return mode;
  return /acc|auc|precision|recall|^fmeasure/.test(monitor.replace(/^val_/, '')) ? 'max' : 'min';
}
