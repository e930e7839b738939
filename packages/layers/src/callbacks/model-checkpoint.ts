/**
 * Keras' ModelCheckpoint: saves the model with `model.save(filepath)` at the end of each epoch,
 * or with `saveBestOnly` only when `monitor` improved. `filepath` may hold `{epoch}` (1-based, as
 * Keras) and log values such as `{val_loss}` or `{val_loss:.2f}`.
 */
import { Callback, monitorMode, type Logs } from './callback.js';

export interface ModelCheckpointConfig {
  /** Default 'val_loss'. */
  monitor?: string;
  verbose?: number;
  /** Default false. */
  saveBestOnly?: boolean;
  mode?: 'auto' | 'min' | 'max';
  /** Best value so far, to beat before the first save (Keras' initial_value_threshold). */
  initialValueThreshold?: number;
}

export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly saveBestOnly: boolean;
  best: number;
  /** Paths saved to, in order (useful to find the last checkpoint). */
  readonly saved: string[] = [];
  private readonly mode: 'min' | 'max';
  private readonly verbose: number;

  constructor(filepath: string, config: ModelCheckpointConfig = {}) {
    super();
    this.filepath = filepath;
    this.monitor = config.monitor ?? 'val_loss';
    this.saveBestOnly = config.saveBestOnly ?? false;
    this.verbose = config.verbose ?? 0;
    this.mode = monitorMode(this.monitor, config.mode ?? 'auto');
    this.best = config.initialValueThreshold ?? (this.mode === 'min' ? Infinity : -Infinity);
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const path = formatPath(this.filepath, epoch, logs);
    if (this.saveBestOnly) {
      const current = logs[this.monitor];
      if (current === undefined) {
        console.warn(`ModelCheckpoint: can save best model only with '${this.monitor}' available, skipping (logs have ${Object.keys(logs).join(', ')})`);
        return;
      }
      const improved = this.mode === 'min' ? current < this.best : current > this.best;
      if (!improved) {
        if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: ${this.monitor} did not improve from ${this.best}`);
        return;
      }
      if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: ${this.monitor} improved from ${this.best} to ${current}, saving model to ${path}`);
      this.best = current;
    } else if (this.verbose > 0) {
      console.log(`Epoch ${epoch + 1}: saving model to ${path}`);
    }
    await this.requireModel().save(path);
    this.saved.push(path);
  }
}

/** Fills `{epoch}`, `{epoch:02d}`, `{name}` and `{name:.Nf}` placeholders from the epoch and logs. */
export function formatPath(template: string, epoch: number, logs: Logs): string {
  return template.replace(/\{(\w+)(?::([^}]*))?\}/g, (whole, key: string, spec: string | undefined) => {
    const value = key === 'epoch' ? epoch + 1 : logs[key];
    if (value === undefined) return whole;
    const fixed = spec?.match(/^\.(\d+)f$/);
    if (fixed) return value.toFixed(Number(fixed[1]));
    const padded = spec?.match(/^0(\d+)d$/);
    if (padded) return String(Math.trunc(value)).padStart(Number(padded[1]), '0');
    return String(value);
  });
}
