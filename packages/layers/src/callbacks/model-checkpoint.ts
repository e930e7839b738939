/**
 * Keras' ModelCheckpoint: saves the model with `model.save(filepath)` at the end of each epoch,
 * or with `saveBestOnly` only when `monitor` improved. `filepath` may hold `{epoch}` (1-based, as
 * Keras) and log values such as `{val_loss}` or `{val_loss:.2f}`. It is made as
 * `new ModelCheckpoint(filepath, options)` or, as a Keras config object, `new ModelCheckpoint({filepath, ...options})`.
 */
import { ArgumentError } from '@tensile/core';
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

/** Each option's check and what it wants, in words. */
const OPTIONS = {
  monitor: { ok: (v: unknown) => typeof v === 'string' && v.length > 0, want: "a log name such as 'val_loss'" },
  verbose: { ok: (v: unknown) => typeof v === 'number', want: 'a number' },
  saveBestOnly: { ok: (v: unknown) => typeof v === 'boolean', want: 'true or false' },
  mode: { ok: (v: unknown) => v === 'auto' || v === 'min' || v === 'max', want: "'auto', 'min' or 'max'" },
  initialValueThreshold: { ok: (v: unknown) => typeof v === 'number', want: 'a number' },
} satisfies { readonly [K in keyof Required<ModelCheckpointConfig>]: { ok: (v: unknown) => boolean; want: string } };
const USAGE =
  "new ModelCheckpoint('file://./checkpoints/model-{epoch:02d}', {monitor, saveBestOnly}) or new ModelCheckpoint({filepath, monitor, saveBestOnly})";

export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly saveBestOnly: boolean;
  best: number;
  /** Paths saved to, in order (useful to find the last checkpoint). */
  readonly saved: string[] = [];
  private readonly mode: 'min' | 'max';
  private readonly verbose: number;

  constructor(filepath: string, config?: ModelCheckpointConfig);
  constructor(config: ModelCheckpointConfig & { filepath: string });
  constructor(filepathOrConfig: string | (ModelCheckpointConfig & { filepath: string }), options?: ModelCheckpointConfig) {
    super();
    const { filepath, config } = readArgs(filepathOrConfig, options);
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
        console.warn(
          `ModelCheckpoint: can save best model only with '${this.monitor}' available, skipping (logs have ${Object.keys(logs).join(', ')})`,
        );
        return;
      }
      const improved = this.mode === 'min' ? current < this.best : current > this.best;
      if (!improved) {
        if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: ${this.monitor} did not improve from ${this.best}`);
        return;
      }
      if (this.verbose > 0)
        console.log(`Epoch ${epoch + 1}: ${this.monitor} improved from ${this.best} to ${current}, saving model to ${path}`);
      this.best = current;
    } else if (this.verbose > 0) {
      console.log(`Epoch ${epoch + 1}: saving model to ${path}`);
    }
    await this.requireModel().save(path);
    this.saved.push(path);
  }
}

/** The path template and the options, from either form; anything else fails here, not at the first save. */
function readArgs(first: unknown, second: unknown): { filepath: string; config: ModelCheckpointConfig } {
  let filepath: unknown = first;
  let config: Record<string, unknown> = {};
  if (isPlainObject(first)) {
    if (second !== undefined)
      throw new ArgumentError(`ModelCheckpoint: give the options once, in the config object or after the filepath: ${USAGE}`);
    const { filepath: path, ...rest } = first;
    filepath = path;
    config = rest;
  } else if (second !== undefined) {
    if (!isPlainObject(second)) throw new ArgumentError(`ModelCheckpoint: options must be an object, got ${typeof second}; ${USAGE}`);
    config = second;
  }
  if (typeof filepath !== 'string' || filepath.length === 0) {
    throw new ArgumentError(
      `ModelCheckpoint: filepath must be a non-empty string, got ${filepath === undefined ? 'none' : typeof filepath}; ${USAGE}`,
    );
  }
  const checked: ModelCheckpointConfig = {};
  for (const [key, value] of Object.entries(config)) {
    if (!isOption(key))
      throw new ArgumentError(`ModelCheckpoint: unknown option '${key}'; options are filepath, ${Object.keys(OPTIONS).join(', ')}`);
    if (value === undefined) continue;
    if (!OPTIONS[key].ok(value))
      throw new ArgumentError(`ModelCheckpoint: ${key} must be ${OPTIONS[key].want}, got ${JSON.stringify(value)}`);
    Object.assign(checked, { [key]: value });
  }
  return { filepath, config: checked };
}

function isOption(key: string): key is keyof typeof OPTIONS {
  return Object.hasOwn(OPTIONS, key);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;
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
