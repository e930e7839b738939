/**
 * The progress bar fit shows (Keras' ProgbarLogger). verbose 1 in a TTY: one line, rewritten in
 * place at most every `intervalMs`, with epoch, step/steps, a bar, ETA, samples/s, loss and
 * metrics; verbose 1 elsewhere (CI logs, pipes) and verbose 2: one plain line per epoch. It asks
 * for batch logs only when it is time to redraw, so it costs at most one read back per interval.
 *
 * While an epoch runs it also asks the backend, every `statusIntervalMs`, whether it is busy with
 * something a person waits on (core's `backendStatus()`: a GPU backend compiling shaders on a
 * cold cache can hold the first step for many seconds). A live bar shows that on its line; plain
 * output prints it once when it starts and once when it ends, so a log says where the time went.
 */
import { ArgumentError, backendStatus, getBackend } from '@tensile/core';
import { Callback, type Logs } from './callback.js';

/** Where the bar writes; `process.stdout` in Node. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBarConfig {
  /** 1: progress bar (plain lines when not a TTY); 2: one line per epoch. Default 1. */
  verbose?: 1 | 2;
  stream?: ProgressStream;
  /** Least time between redraws. Default 100 ms. */
  intervalMs?: number;
  /** How often a running epoch polls the backend's status. Default 500 ms. */
  statusIntervalMs?: number;
}

export class ProgressBar extends Callback {
  private readonly verbose: 1 | 2;
  private readonly stream: ProgressStream;
  private readonly intervalMs: number;
  private epochStart = 0;
  private lastDraw = 0;
  private samplesSeen = 0;
  private step = 0;
  private epoch = 0;
  private lastLogs: Logs = {};
  private readonly statusIntervalMs: number;
  private statusTimer: ReturnType<typeof setInterval> | null = null;
  /** The backend's status while it is busy, and when that began. */
  private status: { text: string; since: number } | null = null;

  constructor(config: ProgressBarConfig = {}) {
    super();
    this.verbose = config.verbose ?? 1;
    this.stream = config.stream ?? defaultStream();
    this.intervalMs = milliseconds('intervalMs', config.intervalMs ?? 100);
    this.statusIntervalMs = milliseconds('statusIntervalMs', config.statusIntervalMs ?? 500);
  }

  private get live(): boolean {
    return this.verbose === 1 && this.stream.isTTY === true;
  }

  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
    this.epochStart = now();
    this.lastDraw = 0;
    this.samplesSeen = 0;
    this.step = 0;
    this.lastLogs = {};
    this.stopStatus();
    this.statusTimer = setInterval(() => this.pollStatus(), this.statusIntervalMs);
    // Never what keeps a Node process alive (a fit that threw does not reach onEpochEnd).
    (this.statusTimer as { unref?: () => void }).unref?.();
  }

  override wantsBatchLogs(): boolean {
    return this.live && now() - this.lastDraw >= this.intervalMs;
  }

  override onBatchEnd(batch: number, logs: Logs = {}): void {
    this.step = batch + 1;
    this.samplesSeen += logs.size ?? this.params.batchSize ?? 0;
    if (!this.live || logs.loss === undefined) return;
    this.lastLogs = logs;
    this.lastDraw = now();
    this.draw(false);
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    this.stopStatus();
    this.lastLogs = logs;
    if (this.live) {
      this.draw(true);
      return;
    }
    const elapsed = (now() - this.epochStart) / 1000;
    const parts = [
      `Epoch ${this.epoch + 1}/${this.params.epochs}`,
      `${this.step}/${this.params.steps ?? this.step}`,
      formatDuration(elapsed),
    ];
    parts.push(`${formatRate(this.samplesSeen, elapsed)} samples/s`);
    this.stream.write(`${parts.join(' - ')}${formatLogs(logs)}\n`);
  }

  override onTrainEnd(): void {
    this.stopStatus();
  }

  private pollStatus(): void {
    const text = backendStatus();
    if (text !== undefined) {
      if (this.status === null && !this.live) this.stream.write(`${getBackend()}: ${text}\n`);
      this.status = { text, since: this.status?.since ?? now() };
      if (this.live) this.draw(false);
    } else if (this.status !== null) {
      this.endStatus();
    }
  }

  private endStatus(): void {
    if (this.status === null) return;
    if (!this.live) this.stream.write(`${getBackend()}: done after ${((now() - this.status.since) / 1000).toFixed(1)} s\n`);
    this.status = null;
  }

  private stopStatus(): void {
    if (this.statusTimer !== null) clearInterval(this.statusTimer);
    this.statusTimer = null;
    this.endStatus();
  }

  private draw(final: boolean): void {
    const steps = this.params.steps;
    const elapsed = (now() - this.epochStart) / 1000;
    const head = `Epoch ${this.epoch + 1}/${this.params.epochs} ${steps === null ? String(this.step) : `${String(this.step).padStart(String(steps).length)}/${steps}`}`;
    let bar = '';
    if (steps !== null) {
      const width = 20;
      const done = Math.min(width, Math.floor((this.step / steps) * width));
      bar = ` [${'='.repeat(Math.max(0, done - 1))}${done === width ? '=' : done > 0 ? '>' : ''}${'.'.repeat(width - done)}]`;
    }
    let timing: string;
    if (final || steps === null) timing = formatDuration(elapsed);
    else timing = `ETA: ${formatDuration((elapsed / Math.max(1, this.step)) * (steps - this.step))}`;
    let line =
      this.status !== null && !final
        ? `${head}${bar} ${formatDuration(elapsed)} - ${getBackend()}: ${this.status.text}`
        : `${head}${bar} ${timing} - ${formatRate(this.samplesSeen, elapsed)} samples/s${formatLogs(this.lastLogs)}`;
    const columns = this.stream.columns;
    if (!final && columns && line.length >= columns) line = line.slice(0, columns - 1);
    // \r returns to the line start and \x1b[K clears what a longer previous line left behind.
    this.stream.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
  }
}

function milliseconds(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ArgumentError(
      `ProgressBar: ${option} must be a finite number of milliseconds >= 0, got ${typeof value === 'number' ? value : typeof value}`,
    );
  }
  return value;
}

const HIDDEN = new Set(['batch', 'size']);

/** ' - loss: 0.1234 - accuracy: 0.9500', Keras' number format (4 decimals, or %.4e when tiny). */
export function formatLogs(logs: Logs): string {
  let out = '';
  for (const [k, v] of Object.entries(logs)) {
    if (HIDDEN.has(k)) continue;
    out += ` - ${k}: ${Math.abs(v) > 1e-3 || v === 0 || !Number.isFinite(v) ? v.toFixed(4) : v.toExponential(4)}`;
  }
  return out;
}

/** Keras' ETA format: '1:02:03' past an hour, '2:03' past a minute, '45s' otherwise. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
  if (s >= 60) return `${Math.floor(s / 60)}:${pad2(s % 60)}`;
  return `${s}s`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function formatRate(samples: number, seconds: number): string {
  return seconds > 0 ? String(Math.round(samples / seconds)) : '-';
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function defaultStream(): ProgressStream {
  if (typeof process !== 'undefined' && process.stdout && typeof process.stdout.write === 'function') return process.stdout;
  // Browsers: no line to rewrite, so plain lines to the console.
  return { write: (text: string) => console.log(text.replace(/\n$/, '')), isTTY: false };
}
