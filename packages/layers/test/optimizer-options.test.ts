/** Optimizer arguments: a learning rate given positionally is used; unknown or mistyped options are refused. */
import '@tensile/backend-cpu';
import { ArgumentError, ready, tensor, variable } from '@tensile/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam, layers, optimizers, sequential, SGD, type Optimizer } from '../src/index.js';

beforeAll(async () => {
  await ready();
});

/** The variable's values after one step of `opt` with gradient [1, -2] from [0, 0]. */
function oneStep(opt: Optimizer): number[] {
  const w = variable(tensor([0, 0]), true, `opt_options_w_${Math.random()}`);
  const g = tensor([1, -2]);
  opt.applyGradients([[g, w]]);
  const out = Array.from(w.dataSync());
  opt.dispose();
  w.dispose();
  g.dispose();
  return out;
}

describe('optimizer options', () => {
  it('every factory and constructor takes the learning rate as a number, and uses it', () => {
    expect(oneStep(optimizers.sgd(1e6))).toEqual([-1e6, 2e6]);
    expect(oneStep(new SGD(0.5))).toEqual([-0.5, 1]);
    // Adam's first step moves each weight by about the learning rate, against the gradient's sign.
    const adamStep = oneStep(optimizers.adam(0.05));
    expect(adamStep[0]).toBeCloseTo(-0.05, 5);
    expect(adamStep[1]).toBeCloseTo(0.05, 5);
    expect(optimizers.adam(0.05).learningRate).toBe(0.05);
    expect(new Adam(0.05).learningRate).toBe(0.05);
    expect(optimizers.adamw(0.02).learningRate).toBe(0.02);
    expect(optimizers.rmsprop(0.03).learningRate).toBe(0.03);
    expect(optimizers.adagrad(0.04).learningRate).toBe(0.04);
  });

  it('refuses unknown options, suggesting the name meant', () => {
    expect(() => optimizers.adam(Object.fromEntries([['lr', 5]]))).toThrow(ArgumentError);
    expect(() => optimizers.adam(Object.fromEntries([['lr', 5]]))).toThrow(
      "adam: unknown option 'lr'; did you mean 'learningRate'? Options are learningRate, clipnorm, clipvalue, globalClipnorm, weightDecay, name, beta1, beta2, epsilon",
    );
    expect(() => optimizers.sgd(Object.fromEntries([['learning_rate', 0.1]]))).toThrow(
      "sgd: unknown option 'learning_rate'; did you mean 'learningRate'?",
    );
    expect(() => optimizers.rmsprop(Object.fromEntries([['decay', 0.9]]))).toThrow("rmsprop: unknown option 'decay'; did you mean 'rho'?");
    expect(() => optimizers.adagrad(Object.fromEntries([['momentum', 0.9]]))).toThrow(
      "adagrad: unknown option 'momentum'; options are learningRate, clipnorm, clipvalue, globalClipnorm, weightDecay, name, initialAccumulatorValue, epsilon",
    );
  });

  it('refuses mistyped and out-of-range options with ArgumentError naming the optimizer and the option', () => {
    expect(() => optimizers.adam(Object.fromEntries([['learningRate', '0.1']]))).toThrow(
      "adam: learningRate must be a non-negative finite number or a schedule (step) => number, got the string '0.1'",
    );
    expect(() => optimizers.adam({ learningRate: -1 })).toThrow(ArgumentError);
    expect(() => optimizers.sgd({ momentum: 2 })).toThrow('sgd: momentum must be a number in [0, 1], got 2');
    expect(() => optimizers.adam({ beta1: 1 })).toThrow('adam: beta1 must be a number in [0, 1), got 1');
    expect(() => optimizers.adamw({ weightDecay: Number.NaN })).toThrow('adamw: weightDecay must be a non-negative finite number, got NaN');
    expect(() => optimizers.rmsprop(Object.fromEntries([['centered', 'yes']]))).toThrow(
      "rmsprop: centered must be true or false, got the string 'yes'",
    );
    expect(() => optimizers.sgd({ clipnorm: 0 })).toThrow('sgd: clipnorm must be a positive finite number, got 0');
    expect(() => Reflect.apply(optimizers.adam, undefined, ['0.05'])).toThrow(
      "adam: expected a learning rate (a number) or a config object {learningRate, clipnorm, clipvalue, globalClipnorm, weightDecay, name, beta1, beta2, epsilon}, got the string '0.05'",
    );
    expect(() => Reflect.apply(optimizers.adam, undefined, [0.01, 0.9, 0.999])).toThrow(
      'optimizers.adam: takes one argument, a learning rate or a config object, got 3 arguments; name the others: optimizers.adam({learningRate, beta1, beta2, epsilon})',
    );
    const sgd = new SGD();
    expect(() => (sgd.learningRate = Number.POSITIVE_INFINITY)).toThrow(
      'sgd: learningRate must be a non-negative finite number, got Infinity',
    );
  });

  it("compile still takes 'adam', a {className, config} object and an instance", () => {
    const m = sequential([layers.dense({ units: 1, inputShape: [2] })]);
    m.compile({ optimizer: 'adam', loss: 'mse' });
    expect(m.optimizer).toBeInstanceOf(Adam);
    expect(m.optimizer?.learningRate).toBe(0.001);
    m.compile({ optimizer: { className: 'Adam', config: { learningRate: 0.05, beta_1: 0.8 } }, loss: 'mse' });
    expect(m.optimizer?.learningRate).toBe(0.05);
    m.compile({ optimizer: optimizers.sgd(0.3), loss: 'mse' });
    expect(m.optimizer?.learningRate).toBe(0.3);
    expect(() => m.compile({ optimizer: { className: 'Adam', config: { learningRat: 0.05 } }, loss: 'mse' })).toThrow(
      "adam: unknown option 'learningRat'; did you mean 'learningRate'?",
    );
    m.dispose();
  });
});
