/**
 * Activations, losses, metrics, optimizers and initializers are string-literal unions of the
 * names the resolvers accept: a misspelt name fails to compile (`npm run typecheck` covers this
 * file), and every spelling the unions list resolves at run time.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import '@tensile/backend-cpu';
import {
  activations,
  getInitializer,
  layers,
  losses,
  metrics,
  optimizers,
  sequential,
  type ActivationIdentifier,
  type InitializerIdentifier,
} from '../src/index.js';
import type { LossName } from '../src/losses.js';
import type { MetricName } from '../src/metrics.js';
import type { OptimizerName } from '../src/optimizers/index.js';

// Only compiled, never called.
export function misuse(): void {
  // @ts-expect-error no such activation
  layers.dense({ units: 1, activation: 'reluu' });
  // @ts-expect-error no such activation
  layers.conv2d({ filters: 1, kernelSize: 1, activation: 'Relu' });
  // @ts-expect-error no such initializer
  layers.dense({ units: 1, kernelInitializer: 'glorot_uniformm' });
  const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] });
  // @ts-expect-error no such optimizer
  m.compile({ optimizer: 'adamm', loss: 'mse' });
  // @ts-expect-error no such loss
  m.compile({ optimizer: 'adam', loss: 'meanSquaredEror' });
  // @ts-expect-error no such metric
  m.compile({ optimizer: 'adam', loss: 'mse', metrics: ['accuracyy'] });
}

// Spellings users write, from TF.js and from Keras; each must compile and resolve.
const ACTIVATIONS = [
  'relu',
  'leakyRelu',
  'leaky_relu',
  'silu',
  'swish',
  'mish',
  'hardSigmoid',
  'hard_sigmoid',
  'logSoftmax',
  'log_softmax',
  'softsign',
  'exponential',
  'linear',
] satisfies ActivationIdentifier[];
const LOSSES = [
  'mse',
  'mae',
  'meanSquaredError',
  'mean_squared_error',
  'MeanSquaredError',
  'categoricalCrossentropy',
  'sparse_categorical_crossentropy',
  'BinaryCrossentropy',
  'huber',
  'huberLoss',
  'huber_loss',
] satisfies LossName[];
const METRICS = [
  'accuracy',
  'acc',
  'categoricalAccuracy',
  'sparse_categorical_accuracy',
  'BinaryAccuracy',
  'mse',
  'meanAbsoluteError',
] satisfies MetricName[];
const OPTIMIZERS = [
  'sgd',
  'SGD',
  'adam',
  'Adam',
  'adamw',
  'AdamW',
  'rmsprop',
  'RMSprop',
  'adagrad',
  'Adagrad',
  'adamax',
  'Adamax',
  'adadelta',
  'Adadelta',
] satisfies OptimizerName[];
const INITIALIZERS = [
  'glorotUniform',
  'glorot_uniform',
  'GlorotUniform',
  'heNormal',
  'he_normal',
  'leCunNormal',
  'lecun_uniform',
  'zeros',
  'Ones',
  'varianceScaling',
  'truncated_normal',
  'randomUniform',
] satisfies InitializerIdentifier[];

describe('typed identifiers', () => {
  it('each listed spelling resolves', () => {
    for (const a of ACTIVATIONS) expect(typeof activations.get(a).apply, a).toBe('function');
    for (const l of LOSSES) expect(losses.get(l), l).toBeInstanceOf(losses.Loss);
    for (const n of METRICS) expect(typeof metrics.get(n).fn, n).toBe('function');
    for (const o of OPTIMIZERS) expect(optimizers.get(o), o).toBeInstanceOf(optimizers.Optimizer);
    for (const i of INITIALIZERS) expect(typeof getInitializer(i, 'zeros').apply, i).toBe('function');
  });

  it('the unions hold the names and not misspellings', () => {
    expectTypeOf<'hard_sigmoid'>().toExtend<ActivationIdentifier>();
    expectTypeOf<'reluu'>().not.toExtend<ActivationIdentifier>();
    expectTypeOf<'categorical_crossentropy'>().toExtend<LossName>();
    expectTypeOf<'categorical_crossentropyy'>().not.toExtend<LossName>();
    expectTypeOf<'he_uniform'>().toExtend<InitializerIdentifier>();
    expectTypeOf<'Adam'>().toExtend<OptimizerName>();
    expectTypeOf<'adamm'>().not.toExtend<OptimizerName>();
    // A name not in the union is still looked up at run time by the resolvers (configs).
    expect(() => losses.get('hinge')).toThrow(/unknown loss 'hinge'/);
  });
});
