/**
 * The Tensile side of the benchmark: `lenet5()` (the model the app trains and saves, with its
 * padding and rescaling layers, fed raw pixels) compiled with Adam 1e-3 and categorical
 * cross-entropy (one-hot targets, as the TF.js peer), `trainOnBatch` at the given batch size on one
 * backend; `jitCompile` asks compile for the traced, replayed training step.
 */
import { importBackends, startBackend } from './backends.js';
import { measureSteps, shortError, type BenchResult, type MeasureOptions } from './bench-measure.js';
import { loadMnist, PIXELS, SIDE } from './data.js';

export async function benchTensile(backend: string, o: MeasureOptions, opts: { jitCompile?: boolean } = {}): Promise<BenchResult> {
  const id = `tensile-${backend}${opts.jitCompile ? '-compiled' : ''}`;
  const core = await import('@tensile/core');
  const imports = await importBackends([backend]);
  try {
    await startBackend(backend, imports);
  } catch (e) {
    return { id, status: 'unavailable', error: shortError(e) };
  }
  const { lenet5 } = await import('./model.js');
  const model = lenet5({ seed: 1 });
  model.compile({
    optimizer: { className: 'Adam', config: { learningRate: 1e-3 } },
    loss: 'categoricalCrossentropy',
    jitCompile: opts.jitCompile ?? false,
  });

  const nb = 8;
  const data = loadMnist('train', { limit: o.batchSize * nb });
  const batches = Array.from({ length: nb }, (_, b) => ({
    x: core.tensor4d(data.images.subarray(b * o.batchSize * PIXELS, (b + 1) * o.batchSize * PIXELS), [o.batchSize, SIDE, SIDE, 1]),
    y: core.tidy(() =>
      core.oneHot(core.tensor1d(data.labels.subarray(b * o.batchSize, (b + 1) * o.batchSize), 'int32'), 10, 1, 0, 'float32'),
    ),
  }));
  const step = async (i: number): Promise<void> => {
    const { x, y } = batches[i % nb];
    // Resolves after the loss has been read back, so the whole step has run on the device.
    await model.trainOnBatch(x, y);
  };
  try {
    const m = await measureSteps(step, o);
    const mem = core.memory();
    const { trainStepStatus } = await import('@tensile/layers');
    const jit = trainStepStatus(model);
    // Says whether the timed steps really were replays (a step that cannot compile runs eagerly).
    const how = jit
      ? `jitCompile: ${jit.replays} replays of ${jit.kernels} kernels, ${jit.fused} fused${jit.reason ? `, eager: ${jit.reason}` : ''}; `
      : '';
    return {
      id,
      status: 'ok',
      ...m,
      batchSize: o.batchSize,
      detail: `${how}backend '${core.getBackend()}', ${mem.numTensors} live tensors after the run`,
    };
  } catch (e) {
    return { id, status: 'cannot-train', error: shortError(e) };
  }
}
