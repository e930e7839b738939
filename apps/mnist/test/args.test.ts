import { describe, expect, it } from 'vitest';
import { DEFAULTS, UsageError, parseArgs } from '../src/args.js';

describe('parseArgs', () => {
  it('gives the defaults for no flags', () => {
    expect(parseArgs([])).toEqual({ ...DEFAULTS, eager: false, help: false });
  });

  it('--eager takes no value and turns the compiled step off', () => {
    expect(parseArgs(['--eager', '--epochs', '3'])).toMatchObject({ eager: true, epochs: 3 });
    expect(() => parseArgs(['--eager=yes'])).toThrow("unknown flag '--eager'");
  });

  it('reads every flag, in both --flag value and --flag=value form', () => {
    const o = parseArgs([
      '--backend',
      'wasm',
      '--epochs=3',
      '--batch-size',
      '32',
      '--lr',
      '2e-3',
      '--lr-decay',
      '0.5',
      '--optimizer',
      'sgd',
      '--model',
      'lenet5-relu',
      '--limit',
      '2000',
      '--seed=7',
      '--out',
      '/tmp/x',
      '--norm',
      'unit',
      '--validation-split',
      '0',
      '--switch-backend-at',
      '1:cpu',
      '--data',
      'tensors',
    ]);
    expect(o).toMatchObject({
      backend: 'wasm',
      epochs: 3,
      batchSize: 32,
      lr: 0.002,
      lrDecay: 0.5,
      optimizer: 'sgd',
      model: 'lenet5-relu',
      limit: 2000,
      seed: 7,
      out: '/tmp/x',
      norm: 'unit',
      validationSplit: 0,
      switchBackendAt: { epoch: 1, backend: 'cpu' },
      data: 'tensors',
    });
    expect(parseArgs(['--help']).help).toBe(true);
    expect(parseArgs(['-h']).help).toBe(true);
  });

  const bad: Array<[string[], string]> = [
    [['--frobnicate'], "unknown flag '--frobnicate'"],
    [['--epochs', 'two'], "--epochs: expected an integer >= 1, got 'two'"],
    [['--epochs', '0'], "--epochs: expected an integer >= 1, got '0'"],
    [['--epochs', '1.5'], "--epochs: expected an integer >= 1, got '1.5'"],
    [['--batch-size'], '--batch-size: missing value'],
    [['--batch-size', '--epochs', '2'], '--batch-size: missing value'],
    [['--lr', '-1'], "--lr: expected a number > 0, got '-1'"],
    [['--lr', 'fast'], "--lr: expected a number > 0, got 'fast'"],
    [['--lr-decay', '1.5'], "--lr-decay: expected a factor in (0, 1], got '1.5'"],
    [['--lr-decay', '0'], "--lr-decay: expected a number > 0, got '0'"],
    [['--backend', 'tpu'], "--backend: unknown backend 'tpu'; expected one of cpu, wasm, webgpu, webgl, cuda"],
    [['--model', 'resnet'], "--model: unknown model 'resnet'; expected one of lenet5, lenet5-relu"],
    [['--optimizer', 'lbfgs'], "--optimizer: unknown optimizer 'lbfgs'"],
    [['--switch-backend-at', 'cpu'], "--switch-backend-at: expected EPOCH:BACKEND (e.g. 1:cpu), got 'cpu'"],
    [['--switch-backend-at', '1:tpu'], "--switch-backend-at: unknown backend 'tpu'"],
    [['--switch-backend-at', '2:cpu'], '--switch-backend-at: epoch 2 is not before the last epoch (2)'],
    [['--validation-split', '1'], "--validation-split: expected a fraction 0 <= X < 1, got '1'"],
    [['stray'], "unexpected argument 'stray'"],
    [['--data', 'disk'], "--data: unknown data mode 'disk'; expected one of stream, tensors"],
  ];
  it.each(bad)('rejects %j with a clear message', (argv, message) => {
    let err: unknown;
    try {
      parseArgs(argv);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toContain(message);
    expect((err as UsageError).exitCode).toBe(2);
  });
});
