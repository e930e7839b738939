/**
 * Keras' CSVLogger (Node only): one row per epoch, columns 'epoch' then the log names sorted.
 * `node:fs` is imported when training starts, not at module load, so the package still bundles
 * for browsers.
 */
import { Callback, type Logs } from './callback.js';

export interface CSVLoggerConfig {
  /** Default ','. */
  separator?: string;
  /** Append to an existing file instead of overwriting it. Default false. */
  append?: boolean;
}

type Fs = typeof import('node:fs/promises');

export class CSVLogger extends Callback {
  readonly filename: string;
  private readonly separator: string;
  private readonly append: boolean;
  private keys: string[] | null = null;
  private fs: Fs | null = null;

  constructor(filename: string, config: CSVLoggerConfig = {}) {
    super();
    this.filename = filename;
    this.separator = config.separator ?? ',';
    this.append = config.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    if (typeof process === 'undefined' || !process.versions?.node) {
      throw new Error('CSVLogger: writes files and runs in Node only; use a LambdaCallback to record logs in a browser');
    }
    // A variable name, so browser bundlers leave this Node-only import alone (see io/file.ts).
    const fsName = 'node:fs/promises';
    this.fs = (await import(/* @vite-ignore */ fsName)) as Fs;
    this.keys = null;
    let hasHeader = false;
    if (this.append) {
      const existing = await this.fs.readFile(this.filename, 'utf8').catch(() => '');
      hasHeader = existing.length > 0;
      if (hasHeader) this.keys = existing.split('\n')[0].split(this.separator).slice(1);
    }
    if (!hasHeader) await this.fs.writeFile(this.filename, '');
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (!this.fs) return;
    let text = '';
    if (this.keys === null) {
      this.keys = Object.keys(logs).sort();
      text += `${['epoch', ...this.keys].join(this.separator)}\n`;
    }
    const row = [String(epoch), ...this.keys.map((k) => (logs[k] === undefined ? 'NA' : String(logs[k])))];
    text += `${row.join(this.separator)}\n`;
    await this.fs.appendFile(this.filename, text);
  }
}
