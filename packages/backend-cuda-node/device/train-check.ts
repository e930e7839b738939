/**
 * `check train`: LeNet-5 on MNIST as `npm run mnist` trains it (apps/mnist's model, streamed
 * batches, Adam at the app's learning rate and per-epoch decay, the last 10% held out for
 * validation, seed 42), on whichever backend is active, from gzipped IDX files in a directory.
 *
 * Steady samples/s: fit reads no loss back on most batches (as in the app), so a GPU backend may
 * run ahead of the host. The timer reads the loss back (which waits for the device) after the
 * warm-up steps and at the last step of each epoch, and counts only the batches in between;
 * validation and later epochs' first-batch costs sit outside or are included honestly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { getBackend, memory } from '@tensile/core';
import { Callback, LearningRateScheduler, type Logs } from '@tensile/layers';
import { DEFAULTS } from '../../../apps/mnist/src/args.js';
import { stepsPerEpoch, tensorsOf, trainingBatches } from '../../../apps/mnist/src/batches.js';
import {
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  IdxFormatError,
  MNIST_FILES,
  type MnistRaw,
  PIXELS,
  parseIdx,
  type Split,
} from '../../../apps/mnist/src/data.js';
import { lenet5 } from '../../../apps/mnist/src/model.js';

export interface TrainCheckOptions {
  epochs: number;
  batchSize: number;
  /** Only the first N training (and N test) images. */
  limit?: number;
  /** Holds the four IDX files, each gzipped (`<name>.gz`) or as is. */
  dataDir: string;
  /** Steps of the first epoch left out of the samples/s. */
  warmup: number;
}

/** Mean training loss over a stretch of steps (from fit's running means). */
export interface LossWindow {
  epoch: number;
  /** The window's last step, 1-based within its epoch. */
  step: number;
  loss: number;
}

export interface TrainReport {
  kind: 'tensile-train';
  backend: string;
  epochs: number;
  batchSize: number;
  trainSamples: number;
  valSamples: number;
  testSamples: number;
  stepsPerEpoch: number;
  warmupSteps: number;
  measuredSteps: number;
  measuredSeconds: number;
  steadySamplesPerSec: number;
  losses: LossWindow[];
  lossFirst: number;
  lossLast: number;
  lossFalling: boolean;
  epochLogs: Logs[];
  testLoss: number;
  testAccuracy: number;
  trainSeconds: number;
  evalSeconds: number;
  liveTensors: number;
}

function readIdx(dir: string, name: string, magic: number): ReturnType<typeof parseIdx> {
  const gz = join(dir, `${name}.gz`);
  try {
    return parseIdx(gunzipSync(readFileSync(gz)), gz, magic);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const plain = join(dir, name);
  return parseIdx(readFileSync(plain), plain, magic);
}

/** apps/mnist's `loadMnistRaw`, reading from `dir` (gzipped or not). */
export function loadSplit(dir: string, split: Split, limit?: number): MnistRaw {
  const img = readIdx(dir, MNIST_FILES[split].images, IDX_IMAGES_MAGIC);
  const lbl = readIdx(dir, MNIST_FILES[split].labels, IDX_LABELS_MAGIC);
  if (img.dims.length !== 3 || img.dims[1] !== 28 || img.dims[2] !== 28) {
    throw new IdxFormatError(`${split} images: expected dims [n, 28, 28], got [${img.dims.join(', ')}]`);
  }
  if (lbl.dims[0] !== img.dims[0]) throw new IdxFormatError(`${split}: ${lbl.dims[0]} labels for ${img.dims[0]} images`);
  const n = limit === undefined ? img.dims[0] : Math.min(img.dims[0], limit);
  const labels = Int32Array.from(lbl.data.subarray(0, n));
  if (labels.some((v) => v > 9)) throw new IdxFormatError(`${split} labels: a value above 9`);
  return { pixels: img.data.subarray(0, n * PIXELS), labels, n };
}

/** Reads loss back at chosen steps (which waits for the device) and times the stretch between. */
class StepTimer extends Callback {
  readonly losses: LossWindow[] = [];
  measuredSteps = 0;
  measuredMs = 0;
  measuredSamples = 0;
  private epoch = 0;
  private samples = 0;
  private mark: { t: number; samples: number; sum: number } | null = null;
  private lastRead = { samples: 0, sum: 0 };

  constructor(
    private readonly steps: number,
    private readonly warmup: number,
    private readonly every: number,
    private readonly log: (line: string) => void,
  ) {
    super();
  }

  override wantsBatchLogs(step: number): boolean {
    const last = step === this.steps - 1;
    const warmEnd = this.epoch === 0 && step === this.warmup - 1;
    return last || warmEnd || (step + 1) % this.every === 0;
  }

  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
    this.samples = 0;
    this.lastRead = { samples: 0, sum: 0 };
    // After the first epoch every step counts; the clock starts here (validation came before).
    this.mark = epoch === 0 && this.warmup > 0 ? null : { t: performance.now(), samples: 0, sum: 0 };
  }

  override onBatchEnd(step: number, logs?: Logs): void {
    this.samples += logs?.size ?? 0;
    if (logs?.loss === undefined) return;
    const now = performance.now();
    const sum = logs.loss * this.samples;
    const n = this.samples - this.lastRead.samples;
    if (n > 0) this.losses.push({ epoch: this.epoch + 1, step: step + 1, loss: (sum - this.lastRead.sum) / n });
    this.lastRead = { samples: this.samples, sum };
    if (this.epoch === 0 && step === this.warmup - 1) {
      this.mark = { t: now, samples: this.samples, sum };
    } else if (step === this.steps - 1 && this.mark) {
      this.measuredMs += now - this.mark.t;
      this.measuredSamples += this.samples - this.mark.samples;
      this.measuredSteps += this.epoch === 0 ? step + 1 - this.warmup : step + 1;
    }
    const rate = this.measuredMs > 0 ? `, steady ${Math.round((this.measuredSamples * 1000) / this.measuredMs)} samples/s` : '';
    this.log(`epoch ${this.epoch + 1} step ${step + 1}/${this.steps}: loss ${logs.loss.toFixed(4)} (running mean)${rate}`);
  }
}

export async function trainCheck(o: TrainCheckOptions, log: (line: string) => void): Promise<TrainReport> {
  const raw = loadSplit(o.dataDir, 'train', o.limit);
  const nVal = Math.floor(raw.n * DEFAULTS.validationSplit);
  const n = raw.n - nVal;
  const stream = { batchSize: o.batchSize, from: 0, to: n, seed: DEFAULTS.seed };
  const steps = stepsPerEpoch(stream);
  const warmup = Math.max(0, Math.min(o.warmup, steps - 2));
  log(
    `train: ${n} training + ${nVal} validation images, batch ${o.batchSize}, ${steps} steps per epoch, ` +
      `${o.epochs} epoch(s), ${warmup} warm-up step(s) left out of samples/s, backend '${getBackend()}'`,
  );

  const model = lenet5({ seed: DEFAULTS.seed, norm: DEFAULTS.norm });
  model.compile({
    optimizer: { className: DEFAULTS.optimizer, config: { learningRate: DEFAULTS.lr } },
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const val = nVal > 0 ? tensorsOf(raw, n, raw.n) : undefined;
  const timer = new StepTimer(steps, warmup, Math.max(1, Math.round(steps / 10)), log);
  const schedule = new LearningRateScheduler((epoch) => DEFAULTS.lr * DEFAULTS.lrDecay ** epoch);
  const epochLogs: Logs[] = [];
  // One endless stream for the whole run, reshuffled per epoch, as the app's (train.ts).
  const shared = trainingBatches(raw, stream);
  const batches = { [Symbol.asyncIterator]: () => ({ next: () => shared.next() }) };
  const t0 = performance.now();
  await model.fit(batches, {
    epochs: o.epochs,
    stepsPerEpoch: steps,
    validationData: val ? [val.x, val.y] : undefined,
    validationBatchSize: o.batchSize,
    verbose: 0,
    callbacks: [
      schedule,
      timer,
      {
        onEpochEnd: (epoch: number, logs?: Logs) => {
          epochLogs.push({ ...logs });
          const parts = Object.entries(logs ?? {}).map(([k, v]) => `${k} ${v.toFixed(4)}`);
          log(`epoch ${epoch + 1}/${o.epochs}: ${parts.join(', ')}`);
        },
      },
    ],
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  val?.x.dispose();
  val?.y.dispose();

  const t1 = performance.now();
  const testRaw = loadSplit(o.dataDir, 'test', o.limit);
  const test = tensorsOf(testRaw, 0, testRaw.n);
  const result = await model.evaluate(test.x, test.y, { batchSize: 500, returnDict: true });
  test.x.dispose();
  test.y.dispose();
  const dict = typeof result === 'number' || Array.isArray(result) ? { loss: Number(result) } : result;
  const evalSeconds = (performance.now() - t1) / 1000;
  model.dispose();

  const losses = timer.losses;
  const lossFirst = losses[0]?.loss ?? Number.NaN;
  const lossLast = losses.at(-1)?.loss ?? Number.NaN;
  const report: TrainReport = {
    kind: 'tensile-train',
    backend: getBackend(),
    epochs: o.epochs,
    batchSize: o.batchSize,
    trainSamples: n,
    valSamples: nVal,
    testSamples: testRaw.n,
    stepsPerEpoch: steps,
    warmupSteps: warmup,
    measuredSteps: timer.measuredSteps,
    measuredSeconds: timer.measuredMs / 1000,
    steadySamplesPerSec: timer.measuredMs > 0 ? (timer.measuredSamples * 1000) / timer.measuredMs : 0,
    losses,
    lossFirst,
    lossLast,
    lossFalling: Number.isFinite(lossFirst) && Number.isFinite(lossLast) && lossLast < lossFirst,
    epochLogs,
    testLoss: dict.loss ?? Number.NaN,
    testAccuracy: dict.accuracy ?? Number.NaN,
    trainSeconds,
    evalSeconds,
    liveTensors: memory().numTensors,
  };
  log(`test: loss ${report.testLoss.toFixed(4)}, accuracy ${(report.testAccuracy * 100).toFixed(2)}% (${testRaw.n} images)`);
  log(
    `steady: ${Math.round(report.steadySamplesPerSec)} samples/s over ${report.measuredSteps} steps ` +
      `(${report.measuredSeconds.toFixed(2)} s); training ${trainSeconds.toFixed(1)} s, evaluation ${evalSeconds.toFixed(1)} s`,
  );
  return report;
}
