/**
 * TensorFlow.js' forms of three calls: fit's callbacks as a plain object of hooks, ModelCheckpoint
 * made from a config object, and applyGradients with a map of variable name → gradient.
 */
import '@tensile/backend-cpu';
import { ArgumentError, add, dispose, ready, square, sum, tensor, variable, variableGrads, type Tensor } from '@tensile/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Callback, ModelCheckpoint, type Logs } from '../src/callbacks/index.js';
import { SGD } from '../src/optimizers/index.js';
import { compile, fit } from '../src/training/index.js';
import { blobs, TinyMLP } from './helpers/tiny-mlp.js';

beforeAll(async () => {
  await ready();
});

class EpochCounter extends Callback {
  epochs = 0;
  override onEpochEnd(): void {
    this.epochs++;
  }
}

async function setup(): Promise<{ model: TinyMLP; x: Tensor; y: Tensor; done: () => void }> {
  const { x, y } = blobs(16);
  const model = new TinyMLP({ inputs: 2, hidden: 3, outputs: 1, activation: 'sigmoid' });
  compile(model, { optimizer: 'sgd', loss: 'mse' });
  return { model, x, y, done: () => dispose([x, y]) };
}

describe("fit's callbacks in TensorFlow.js' forms", () => {
  it('a plain object of hooks, one Callback, or a list mixing both', async () => {
    const { model, x, y, done } = await setup();
    const ends: [number, number][] = [];
    await fit(model, x, y, {
      epochs: 2,
      verbose: 0,
      callbacks: { onEpochEnd: (epoch, logs) => void ends.push([epoch, typeof logs?.loss === 'number' ? 1 : 0]) },
    });
    expect(ends).toEqual([
      [0, 1],
      [1, 1],
    ]);

    const counter = new EpochCounter();
    await fit(model, x, y, { epochs: 3, verbose: 0, callbacks: counter });
    expect(counter.epochs).toBe(3);

    const mixed = new EpochCounter();
    const batches: Logs[] = [];
    await fit(model, x, y, {
      epochs: 1,
      batchSize: 8,
      verbose: 0,
      callbacks: [mixed, { onBatchEnd: (_b, logs) => void batches.push({ ...logs }) }],
    });
    expect(mixed.epochs).toBe(1);
    expect(batches.map((l) => [l.batch, typeof l.loss])).toEqual([
      [0, 'number'],
      [1, 'number'],
    ]);
    done();
  });

  it('anything else fails at the fit call, showing the forms', async () => {
    const { model, x, y, done } = await setup();
    await expect(fit(model, x, y, { verbose: 0, callbacks: Object.fromEntries([['onEpochEnded', () => {}]]) })).rejects.toThrow(
      "fit: callbacks has 'onEpochEnded', which is not a hook; hooks are onTrainBegin, onTrainEnd, onEpochBegin, onEpochEnd, onBatchBegin, onBatchEnd, batchLogs",
    );
    await expect(
      fit(model, x, y, { verbose: 0, callbacks: [new EpochCounter(), Object.fromEntries([['onEpochEnd', 5]])] }),
    ).rejects.toThrow('fit: callbacks[1].onEpochEnd must be a function, got number');
    class NotACallback {
      onEpochEnd(): void {}
    }
    await expect(fit(model, x, y, { verbose: 0, callbacks: Reflect.construct(NotACallback, []) })).rejects.toThrow(
      'fit: callbacks must be a Callback, a plain object of hooks such as {onEpochEnd: (epoch, logs) => ...}, or a list of these; got an instance of NotACallback',
    );
    done();
  });
});

describe('ModelCheckpoint from a config object', () => {
  it('new ModelCheckpoint({filepath, ...options}) saves as the two-argument form', async () => {
    const { model, x, y, done } = await setup();
    const ckpt = new ModelCheckpoint({ filepath: 'mem://ckpt-{epoch}', monitor: 'loss', saveBestOnly: false });
    await fit(model, x, y, { epochs: 2, verbose: 0, callbacks: [ckpt] });
    expect(model.saves.map((s) => s.destination)).toEqual(['mem://ckpt-1', 'mem://ckpt-2']);
    expect(ckpt.monitor).toBe('loss');
    done();
  });

  it('a missing or mistyped filepath, or an unknown option, fails when it is made', () => {
    expect(() => Reflect.construct(ModelCheckpoint, [{ monitor: 'loss' }])).toThrow(ArgumentError);
    expect(() => Reflect.construct(ModelCheckpoint, [{ monitor: 'loss' }])).toThrow(
      "ModelCheckpoint: filepath must be a non-empty string, got none; new ModelCheckpoint('file://./checkpoints/model-{epoch:02d}', {monitor, saveBestOnly}) or new ModelCheckpoint({filepath, monitor, saveBestOnly})",
    );
    expect(() => Reflect.construct(ModelCheckpoint, [42])).toThrow('ModelCheckpoint: filepath must be a non-empty string, got number');
    expect(() => new ModelCheckpoint({ filepath: 'mem://x', ...Object.fromEntries([['save_best_only', true]]) })).toThrow(
      "ModelCheckpoint: unknown option 'save_best_only'; options are filepath, monitor, verbose, saveBestOnly, mode, initialValueThreshold",
    );
    expect(() => new ModelCheckpoint('mem://x', { ...Object.fromEntries([['monitor', 5]]) })).toThrow(
      "ModelCheckpoint: monitor must be a log name such as 'val_loss', got 5",
    );
    expect(() => new ModelCheckpoint('mem://x', { mode: 'min', saveBestOnly: true })).not.toThrow();
  });
});

describe('applyGradients with a map of variable name to gradient', () => {
  it("takes variableGrads' map once the optimizer knows its variables, and updates as the pairs do", async () => {
    const a = variable(tensor([1, 2]), true, 'tfjs_forms_a');
    const b = variable(tensor([3]), true, 'tfjs_forms_b');
    const opt = new SGD(0.5);
    const loss = (): Tensor => add(sum(square(a)), sum(square(b)));
    const first = variableGrads(loss, [a, b]);
    expect(() => opt.applyGradients(first.grads)).toThrow(
      "sgd.applyGradients: got gradients by variable name ('tfjs_forms_a', ...), but the optimizer has not been built, so it knows no variables yet; pass [gradient, variable] pairs, optimizer.applyGradients(vars.map((v) => [grads[v.name], v])), or call optimizer.build(vars) first",
    );
    opt.build([a, b]);
    opt.applyGradients(first.grads);
    // w - 0.5 * 2w = 0 for every weight.
    expect(Array.from(await a.data())).toEqual([0, 0]);
    expect(Array.from(await b.data())).toEqual([0]);
    const g = tensor([1, 1]);
    opt.applyGradients([{ name: 'tfjs_forms_a', tensor: g }]);
    expect(Array.from(await a.data())).toEqual([-0.5, -0.5]);
    expect(() => opt.applyGradients({ nope: g })).toThrow(
      "sgd.applyGradients: no variable named 'nope' among the 2 the optimizer was built with (tfjs_forms_a, tfjs_forms_b)",
    );
    expect(() => Reflect.apply(opt.applyGradients, opt, [[[a, g]]])).toThrow(
      "sgd.applyGradients: pair 0 is [variable, gradient]; pairs are [gradient, variable], as Keras' apply_gradients",
    );
    dispose([first.value, ...Object.values(first.grads), g]);
    opt.dispose();
    a.dispose();
    b.dispose();
  });
});
