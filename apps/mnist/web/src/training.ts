/**
 * One training run in the worker: the CLI's recipe (same model, streamed batches, the last 10% of
 * the images held out for validation) driven by a callback that reports progress to the page,
 * stops when asked, and switches backend between two steps when asked.
 */
import { getBackend, setBackend, type Tensor } from '@tensile/core';
import { Callback, type Logs, type Model, type Sequential } from '@tensile/layers';
import { stepsPerEpoch, tensorsOf, trainingBatches } from '../../src/batches.js';
import { buildModel } from '../../src/model.js';
import type { MnistRaw } from '../../src/pixels.js';
import type { MnistAssets, MnistSubset } from './mnist-assets.js';
import type { FromWorker, TrainConfig } from './protocol.js';

export const VALIDATION_SPLIT = 0.1;
/** Steps after a start or a switch left out of a backend's samples/s: a GPU compiles its pipelines on them. */
const WARMUP_STEPS = 3;
/**
 * How often the page hears the running loss (reading it back costs a sync with the device): every
 * REPORT_MS, and at least CURVE_POINTS times an epoch so the curve has a shape on a fast backend.
 */
const REPORT_MS = 200;
const CURVE_POINTS = 40;

export interface RunResult {
  readonly model: Sequential;
  readonly stopped: boolean;
  readonly seconds: number;
  /** Training samples per second on each backend the run used, warm-up steps left out. */
  readonly samplesPerSec: Record<string, number>;
}

export interface TrainingRun {
  /** The model being trained (predict and save work on it between steps). */
  readonly model: Sequential;
  switchTo(name: string): void;
  stop(): void;
  readonly done: Promise<RunResult>;
}

function raw(subset: MnistSubset): MnistRaw {
  return { n: subset.n, pixels: subset.pixels, labels: Int32Array.from(subset.labels) };
}

class PageReporter extends Callback {
  pendingSwitch: string | null = null;
  stopRequested = false;
  private lastReport = 0;
  private epoch = 0;
  private stepsOnBackend = 0;
  private timedSince = 0;
  private timedSamples = 0;
  readonly perBackend: Record<string, { samples: number; ms: number }> = {};
  private windowStart = 0;
  private windowSamples = 0;
  private rate = 0;

  constructor(
    private readonly cfg: TrainConfig,
    private readonly steps: number,
    private readonly post: (m: FromWorker) => void,
    private readonly backendsChanged: () => void,
  ) {
    super();
  }

  override wantsBatchLogs(batch: number): boolean {
    const every = Math.max(1, Math.ceil(this.steps / CURVE_POINTS));
    return batch === this.steps - 1 || (batch + 1) % every === 0 || performance.now() - this.lastReport >= REPORT_MS;
  }

  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  override async onBatchEnd(batch: number, logs?: Logs): Promise<void> {
    const now = performance.now();
    const size = logs?.size ?? 0;
    this.stepsOnBackend++;
    if (this.stepsOnBackend === WARMUP_STEPS) {
      this.timedSince = now;
      this.timedSamples = 0;
    } else if (this.stepsOnBackend > WARMUP_STEPS) {
      this.timedSamples += size;
      const b = (this.perBackend[getBackend()] ??= { samples: 0, ms: 0 });
      b.samples = this.timedSamples;
      b.ms = now - this.timedSince;
    }
    // samples/s over the last second or so, for the page's live figure.
    if (this.windowStart === 0) this.windowStart = now;
    this.windowSamples += size;
    if (now - this.windowStart >= 1000) {
      this.rate = (this.windowSamples * 1000) / (now - this.windowStart);
      this.windowStart = now;
      this.windowSamples = 0;
    }
    if (logs?.loss !== undefined || batch === this.steps - 1) {
      this.lastReport = now;
      this.post({
        type: 'progress',
        progress: {
          epoch: this.epoch,
          epochs: this.cfg.epochs,
          batch: batch + 1,
          steps: this.steps,
          samplesPerSec: this.rate,
          backend: getBackend(),
          ...(logs?.loss !== undefined ? { loss: logs.loss } : {}),
          ...(logs?.accuracy !== undefined ? { accuracy: logs.accuracy } : {}),
        },
      });
    }
    if (this.stopRequested) this.requireModel().stopTraining = true;
    if (this.pendingSwitch !== null) await this.switchNow();
  }

  private async switchNow(): Promise<void> {
    const to = this.pendingSwitch as string;
    this.pendingSwitch = null;
    const from = getBackend();
    if (to === from) return;
    this.post({ type: 'status', text: `switching ${from} → ${to} (moving weights and optimizer state)…` });
    try {
      await setBackend(to);
      this.post({ type: 'status', text: `switched ${from} → ${to}; training continues from the same weights` });
    } catch (err) {
      this.post({ type: 'error', during: 'setBackend', message: err instanceof Error ? err.message : String(err) });
    }
    this.stepsOnBackend = 0;
    this.windowStart = 0;
    this.windowSamples = 0;
    this.backendsChanged();
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    this.post({ type: 'epoch', epoch, backend: getBackend(), logs: { ...(logs ?? {}) } });
  }

  rates(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, b] of Object.entries(this.perBackend)) if (b.ms > 0) out[name] = (b.samples * 1000) / b.ms;
    return out;
  }
}

export function startTraining(
  cfg: TrainConfig,
  assets: MnistAssets,
  post: (m: FromWorker) => void,
  backendsChanged: () => void,
): TrainingRun {
  const model = buildModel(cfg.model, { seed: cfg.seed });
  model.compile({
    optimizer: { className: 'adam', config: { learningRate: cfg.learningRate } },
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
    // As the CLI: the traced, replayed step; a backend switch mid-run traces again on the new one.
    jitCompile: true,
  });
  let reporter: PageReporter | null = null;
  let pendingSwitch: string | null = null;
  let stopRequested = false;

  const done = (async (): Promise<RunResult> => {
    post({ type: 'status', text: `fetching ${cfg.limit.toLocaleString('en')} training images…` });
    const data = raw(await assets.load('train', cfg.limit));
    const nVal = Math.floor(data.n * VALIDATION_SPLIT);
    const n = data.n - nVal;
    if (n < 1) throw new Error(`train: ${data.n} image(s) leave none for training after the 10% validation split`);
    const stream = { batchSize: cfg.batchSize, from: 0, to: n, seed: cfg.seed };
    const steps = stepsPerEpoch(stream);
    reporter = new PageReporter(cfg, steps, post, backendsChanged);
    reporter.pendingSwitch = pendingSwitch;
    reporter.stopRequested = stopRequested;
    const val: { x: Tensor; y: Tensor } | null = nVal > 0 ? tensorsOf(data, n, data.n) : null;
    const batches = trainingBatches(data, stream);
    post({ type: 'status', text: `training on ${getBackend()}: ${n} images, ${nVal} for validation` });
    const t0 = performance.now();
    try {
      await model.fit(batches, {
        epochs: cfg.epochs,
        stepsPerEpoch: steps,
        ...(val ? { validationData: [val.x, val.y] as const, validationBatchSize: Math.max(cfg.batchSize, 256) } : {}),
        callbacks: [reporter],
        verbose: 0,
      });
    } finally {
      await batches.return(undefined);
      val?.x.dispose();
      val?.y.dispose();
    }
    return { model, stopped: reporter.stopRequested, seconds: (performance.now() - t0) / 1000, samplesPerSec: reporter.rates() };
  })();
  done.catch(() => model.dispose());

  return {
    model,
    done,
    switchTo(name) {
      pendingSwitch = name;
      if (reporter) reporter.pendingSwitch = name;
    },
    stop() {
      stopRequested = true;
      if (reporter) reporter.stopRequested = true;
    },
  };
}

/** Accuracy and loss on the first `limit` test images, as the CLI reports them. */
export async function evaluateTest(
  model: Model,
  assets: MnistAssets,
  limit: number,
  status: (text: string) => void,
): Promise<{ testAccuracy: number; testLoss: number; testImages: number }> {
  status(`evaluating on ${Math.min(limit, 10_000).toLocaleString('en')} test images…`);
  const test = raw(await assets.load('test', limit));
  const { x, y } = tensorsOf(test, 0, test.n);
  try {
    const result = await model.evaluate(x, y, { batchSize: 500, returnDict: true });
    const dict = typeof result === 'number' || Array.isArray(result) ? {} : result;
    return { testAccuracy: dict.accuracy ?? Number.NaN, testLoss: dict.loss ?? Number.NaN, testImages: test.n };
  } finally {
    x.dispose();
    y.dispose();
  }
}
