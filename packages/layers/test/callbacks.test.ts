/** Callbacks inside real fit runs; monitored values are injected where a test needs a known curve. */
import { createCpuBackend } from '@tensile/backend-cpu';
import { dispose, getBackend, mul, ready, registerBackend, removeBackend, setBackend } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CSVLogger,
  Callback,
  EarlyStopping,
  LambdaCallback,
  LearningRateScheduler,
  ModelCheckpoint,
  ProgressBar,
  ReduceLROnPlateau,
  TerminateOnNaN,
  formatDuration,
  formatPath,
  type Logs,
} from '../src/callbacks/index.js';
import { meanSquaredError } from '../src/losses.js';
import { SGD } from '../src/optimizers/index.js';
import { compile, fit } from '../src/training/index.js';
import { blobs, TinyMLP } from './helpers/tiny-mlp.js';

beforeAll(async () => {
  await ready();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Sets logs[name] to values[epoch] (so later callbacks see a chosen curve) and records weights. */
class Inject extends Callback {
  readonly weights: number[][][] = [];
  constructor(
    private readonly name: string,
    private readonly values: readonly number[],
  ) {
    super();
  }
  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    logs[this.name] = this.values[epoch];
    this.weights.push((this.model as TinyMLP).values());
  }
}

async function setup(
  lr = 0.1,
): Promise<{ model: TinyMLP; x: ReturnType<typeof blobs>['x']; y: ReturnType<typeof blobs>['y']; done: () => void }> {
  const { x, y } = blobs(32);
  const model = new TinyMLP({ inputs: 2, hidden: 3, outputs: 1, activation: 'sigmoid' });
  compile(model, { optimizer: new SGD({ learningRate: lr }), loss: 'mse' });
  return {
    model,
    x,
    y,
    done: () => {
      dispose([x, y]);
      model.dispose();
    },
  };
}

describe('callbacks', () => {
  it('EarlyStopping stops after `patience` flat epochs and restores the best weights', async () => {
    const { model, x, y, done } = await setup();
    const inject = new Inject('score', [1, 0.5, 0.7, 0.6, 0.55, 0.1]);
    const stop = new EarlyStopping({ monitor: 'score', patience: 2, restoreBestWeights: true });
    const before = undisposedTensors();
    const h = await fit(model, x, y, { epochs: 6, verbose: 0, callbacks: [inject, stop] });
    expect(h.epoch).toEqual([0, 1, 2, 3]);
    expect(stop.stoppedEpoch).toBe(3);
    expect(stop.bestEpoch).toBe(1);
    expect(model.values()).toEqual(inject.weights[1]);
    // The snapshots are freed at the end of training.
    expect(undisposedTensors()).toBe(before);
    done();
  });

  it("EarlyStopping 'auto' maximises accuracy-like names", async () => {
    const { model, x, y, done } = await setup();
    const h = await fit(model, x, y, {
      epochs: 6,
      verbose: 0,
      callbacks: [new Inject('val_accuracy', [0.5, 0.6, 0.7, 0.7, 0.7, 0.9]), new EarlyStopping({ monitor: 'val_accuracy', patience: 1 })],
    });
    expect(h.epoch).toEqual([0, 1, 2, 3]);
    done();
  });

  it('ReduceLROnPlateau lowers the rate after `patience` epochs without improvement', async () => {
    const { model, x, y, done } = await setup(0.1);
    const reduce = new ReduceLROnPlateau({ monitor: 'score', patience: 2, factor: 0.5, minLr: 0.02 });
    const h = await fit(model, x, y, {
      epochs: 8,
      verbose: 0,
      callbacks: [new Inject('score', [1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]), reduce],
    });
    // Improvement at epochs 0 and 1; flat from 2: halved after epochs 3, 5 and 7, never below minLr.
    expect(h.history.learning_rate).toEqual([0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
    expect(model.stopTraining).toBe(false);
    done();
  });

  it('LearningRateScheduler sets the rate at each epoch start', async () => {
    const { model, x, y, done } = await setup(0.1);
    const h = await fit(model, x, y, {
      epochs: 4,
      verbose: 0,
      callbacks: [new LearningRateScheduler((epoch, lr) => (epoch < 2 ? lr : lr / 10))],
    });
    expect(h.history.learning_rate.map((v) => Number(v.toPrecision(6)))).toEqual([0.1, 0.1, 0.01, 0.001]);
    done();
  });

  it('TerminateOnNaN stops on the batch whose loss is NaN', async () => {
    const { x, y } = blobs(40);
    const model = new TinyMLP({ inputs: 2, hidden: 3, outputs: 1, activation: 'sigmoid' });
    let calls = 0;
    // A loss that turns NaN on the third batch (loss functions run once per batch).
    compile(model, { optimizer: 'sgd', loss: (t, p) => mul(meanSquaredError(t, p), ++calls === 3 ? NaN : 1) });
    const stop = new TerminateOnNaN();
    const h = await fit(model, x, y, { epochs: 5, batchSize: 8, shuffle: false, verbose: 0, callbacks: [stop] });
    expect(stop.stoppedAtBatch).toBe(2);
    expect(h.epoch).toEqual([0]);
    expect(Number.isNaN(h.history.loss[0])).toBe(true);
    dispose([x, y]);
    model.dispose();
  });

  it('TerminateOnNaN says on the console which batch of which epoch had the invalid loss, as Keras', async () => {
    const { x, y } = blobs(40);
    const model = new TinyMLP({ inputs: 2, hidden: 3, outputs: 1, activation: 'sigmoid' });
    let calls = 0;
    // Five batches per epoch: the seventh loss call is batch 1 of the second epoch.
    compile(model, { optimizer: 'sgd', loss: (t, p) => mul(meanSquaredError(t, p), ++calls === 7 ? Infinity : 1) });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const stop = new TerminateOnNaN();
    const h = await fit(model, x, y, { epochs: 5, batchSize: 8, shuffle: false, verbose: 0, callbacks: [stop] });
    expect(log.mock.calls).toEqual([['Batch 1: Invalid loss, terminating training (epoch 2/5, loss Infinity)']]);
    expect([stop.stoppedAtEpoch, stop.stoppedAtBatch]).toEqual([1, 1]);
    expect(h.epoch).toEqual([0, 1]);
    dispose([x, y]);
    model.dispose();
  });

  it('CSVLogger writes a header and one row per epoch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tensile-csv-'));
    const file = join(dir, 'log.csv');
    const { model, x, y, done } = await setup();
    await fit(model, x, y, { epochs: 3, verbose: 0, validationSplit: 0.25, callbacks: [new CSVLogger(file)] });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('epoch,loss,val_loss');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['0', '1', '2']);
    expect(Number(lines[1].split(',')[1])).toBeGreaterThan(0);
    await fit(model, x, y, { epochs: 2, verbose: 0, validationSplit: 0.25, callbacks: [new CSVLogger(file, { append: true })] });
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(6);
    rmSync(dir, { recursive: true });
    done();
  });

  it('ModelCheckpoint with saveBestOnly saves only on improvement', async () => {
    const { model, x, y, done } = await setup();
    const ckpt = new ModelCheckpoint('file:///tmp/ckpt-{epoch:02d}-{score:.2f}', { monitor: 'score', saveBestOnly: true });
    await fit(model, x, y, { epochs: 5, verbose: 0, callbacks: [new Inject('score', [1, 0.5, 0.7, 0.4, 0.45]), ckpt] });
    expect(model.saves.map((s) => s.destination)).toEqual([
      'file:///tmp/ckpt-01-1.00',
      'file:///tmp/ckpt-02-0.50',
      'file:///tmp/ckpt-04-0.40',
    ]);
    const every = new ModelCheckpoint('mem://m-{epoch}');
    model.saves.length = 0;
    await fit(model, x, y, { epochs: 2, verbose: 0, callbacks: [every] });
    expect(model.saves.map((s) => s.destination)).toEqual(['mem://m-1', 'mem://m-2']);
    expect(formatPath('{epoch}-{val_loss:.3f}-{missing}', 4, { val_loss: 0.12345 })).toBe('5-0.123-{missing}');
    done();
  });

  it('batch logs are read only for callbacks that ask for them', async () => {
    const { model, x, y, done } = await setup();
    const seen: Logs[] = [];
    await fit(model, x, y, {
      epochs: 1,
      batchSize: 8,
      verbose: 0,
      callbacks: [new LambdaCallback({ onBatchEnd: (_b, logs) => void seen.push({ ...logs }), batchLogs: false })],
    });
    expect(seen).toEqual([0, 1, 2, 3].map((b) => ({ batch: b, size: 8 })));
    seen.length = 0;
    await fit(model, x, y, {
      epochs: 1,
      batchSize: 8,
      verbose: 0,
      callbacks: [new LambdaCallback({ onBatchEnd: (_b, logs) => void seen.push({ ...logs }) })],
    });
    expect(seen.every((l) => typeof l.loss === 'number')).toBe(true);
    done();
  });
});

describe('progress bar', () => {
  const capture = (isTTY: boolean): { text: () => string; stream: { write: (s: string) => void; isTTY: boolean } } => {
    let out = '';
    return { text: () => out, stream: { write: (s: string) => void (out += s), isTTY } };
  };

  it('in a TTY, rewrites one line with epoch, step/steps, ETA, samples/s, loss and metrics', async () => {
    const { model, x, y, done } = await setup();
    compile(model, { optimizer: 'sgd', loss: 'mse', metrics: ['mae'] });
    const { text, stream } = capture(true);
    await fit(model, x, y, {
      epochs: 2,
      batchSize: 8,
      verbose: 0,
      validationSplit: 0.25,
      callbacks: [new ProgressBar({ stream, intervalMs: 0 })],
    });
    const out = text();
    expect(out).toMatch(/\rEpoch 1\/2 1\/3 \[[=>.]{20}\] ETA: \d+s - [\d-]+ samples\/s - loss: \d\.\d{4} - mae: \d\.\d{4}/);
    expect(out).toMatch(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the bar's erase-line escape is part of what is checked
      /\rEpoch 2\/2 3\/3 \[={20}\] \d+s - \d+ samples\/s - loss: [\d.]+ - mae: [\d.]+ - val_loss: [\d.]+ - val_mae: [\d.]+\x1b\[K\n$/,
    );
    expect(out.split('\n')).toHaveLength(3);
    done();
  });

  it('outside a TTY and with verbose 2, one plain line per epoch', async () => {
    for (const verbose of [1, 2] as const) {
      const { model, x, y, done } = await setup();
      const { text, stream } = capture(false);
      await fit(model, x, y, { epochs: 2, batchSize: 8, verbose: 0, callbacks: [new ProgressBar({ stream, verbose })] });
      const lines = text().trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^Epoch 2\/2 - 4\/4 - \d+s - [\d-]+ samples\/s - loss: \d\.\d{4}$/);
      expect(text()).not.toContain('\r');
      done();
    }
  });

  it('says on its line, or in a line of its own outside a TTY, what the backend is busy with while a step waits', async () => {
    // A cpu backend that reports a status while the test says so, as a GPU backend does while
    // its shaders compile on first use (backend-webgpu's own tests check that status itself).
    let busy: string | undefined;
    const backend = Object.assign(createCpuBackend(), { status: () => busy });
    const previous = getBackend();
    registerBackend('cpu-busy', () => backend, 0);
    await setBackend('cpu-busy');
    try {
      for (const isTTY of [true, false]) {
        const { model, x, y, done } = await setup();
        const { text, stream } = capture(isTTY);
        const stall = new LambdaCallback({
          onBatchBegin: async (batch) => {
            if (batch !== 0) return;
            busy = 'compiling 2 GPU pipelines on first use (a, b)';
            await new Promise((resolve) => setTimeout(resolve, 300));
            busy = undefined;
            await new Promise((resolve) => setTimeout(resolve, 100));
          },
        });
        await fit(model, x, y, {
          epochs: 1,
          batchSize: 8,
          verbose: 0,
          callbacks: [new ProgressBar({ stream, intervalMs: 0, statusIntervalMs: 20 }), stall],
        });
        const out = text();
        if (isTTY) {
          // biome-ignore lint/suspicious/noControlCharactersInRegex: the bar's erase-line escape is part of what is checked
          expect(out).toMatch(/\rEpoch 1\/1 0\/4 \[\.{20}\] 0s - cpu-busy: compiling 2 GPU pipelines on first use \(a, b\)\x1b\[K/);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: the bar's erase-line escape is part of what is checked
          expect(out).toMatch(/\rEpoch 1\/1 4\/4 \[={20}\] \d+s - \d+ samples\/s - loss: [\d.]+\x1b\[K\n$/);
        } else {
          const lines = out.trim().split('\n');
          expect(lines).toHaveLength(3);
          expect(lines[0]).toBe('cpu-busy: compiling 2 GPU pipelines on first use (a, b)');
          expect(Number(/^cpu-busy: done after (\d+\.\d) s$/.exec(lines[1])?.[1])).toBeGreaterThanOrEqual(0.2);
          expect(lines[2]).toMatch(/^Epoch 1\/1 - 4\/4 - /);
        }
        done();
      }
    } finally {
      await setBackend(previous);
      removeBackend('cpu-busy');
    }
  });

  it('refuses an interval that is not a finite number of milliseconds >= 0, naming the option', () => {
    expect(() => new ProgressBar({ statusIntervalMs: -1 })).toThrow(
      'ProgressBar: statusIntervalMs must be a finite number of milliseconds >= 0, got -1',
    );
    expect(() => new ProgressBar({ intervalMs: Number.NaN })).toThrow(
      'ProgressBar: intervalMs must be a finite number of milliseconds >= 0, got NaN',
    );
  });

  it('formats durations as Keras', () => {
    expect(formatDuration(5.4)).toBe('5s');
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
