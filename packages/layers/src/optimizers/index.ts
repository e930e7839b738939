/**
 * Optimizers by name, config or instance, as `keras.optimizers.get`: 'sgd', 'adam', 'adamw',
 * 'rmsprop', 'adagrad' (any case), `{className, config}` (Keras' and TensorFlow.js' serialised form),
 * or an `Optimizer`, returned as is.
 */
import { TensileError } from '@tensile/core';
import { Adagrad, type AdagradConfig } from './adagrad.js';
import { Adam, type AdamConfig } from './adam.js';
import { AdamW } from './adamw.js';
import { Optimizer, type SerializedOptimizer } from './optimizer.js';
import { RMSprop, type RMSpropConfig } from './rmsprop.js';
import { SGD, type SGDConfig } from './sgd.js';

export { Optimizer, type LearningRateSchedule, type OptimizerConfig, type SerializedOptimizer } from './optimizer.js';
export { SGD, type SGDConfig } from './sgd.js';
export { Adam, type AdamConfig } from './adam.js';
export { AdamW } from './adamw.js';
export { RMSprop, type RMSpropConfig } from './rmsprop.js';
export { Adagrad, type AdagradConfig } from './adagrad.js';

export type OptimizerIdentifier = string | SerializedOptimizer | Optimizer;

const FACTORIES: Record<string, (config: Record<string, unknown>) => Optimizer> = {
  sgd: (c) => new SGD(fromKeras(c) as SGDConfig),
  adam: (c) => new Adam(fromKeras(c) as AdamConfig),
  adamw: (c) => new AdamW(fromKeras(c) as AdamConfig),
  rmsprop: (c) => new RMSprop(fromKeras(c) as RMSpropConfig),
  adagrad: (c) => new Adagrad(fromKeras(c) as AdagradConfig),
};

/** Keras' snake_case config keys (a Python-saved config) mapped to ours. */
const KERAS_KEYS: Record<string, string> = {
  learning_rate: 'learningRate',
  lr: 'learningRate',
  beta_1: 'beta1',
  beta_2: 'beta2',
  global_clipnorm: 'globalClipnorm',
  weight_decay: 'weightDecay',
  initial_accumulator_value: 'initialAccumulatorValue',
};

function fromKeras(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    // Keras writes null for unset options; ours are simply absent.
    if (v !== null && v !== undefined) out[KERAS_KEYS[k] ?? k] = v;
  }
  return out;
}

export function get(identifier: OptimizerIdentifier): Optimizer {
  if (identifier instanceof Optimizer) return identifier;
  if (typeof identifier === 'string') return make(identifier, {});
  if (identifier && typeof identifier === 'object' && typeof identifier.className === 'string') {
    return make(identifier.className, identifier.config ?? {});
  }
  throw new TensileError(`optimizers.get: expected an optimizer name (${Object.keys(FACTORIES).join(', ')}), a {className, config} object or an Optimizer, got ${describe(identifier)}`);
}

function make(name: string, config: Record<string, unknown>): Optimizer {
  const factory = FACTORIES[name.toLowerCase()];
  if (!factory) throw new TensileError(`optimizers.get: unknown optimizer '${name}'; expected one of ${Object.keys(FACTORIES).join(', ')}`);
  return factory(config);
}

function describe(x: unknown): string {
  return x === null ? 'null' : typeof x === 'object' ? JSON.stringify(x) : typeof x;
}

/** Factory functions in TensorFlow.js' style: `optimizers.adam({learningRate: 1e-3})`. */
export const sgd = (config?: SGDConfig): SGD => new SGD(config);
export const adam = (config?: AdamConfig): Adam => new Adam(config);
export const adamw = (config?: AdamConfig): AdamW => new AdamW(config);
export const rmsprop = (config?: RMSpropConfig): RMSprop => new RMSprop(config);
export const adagrad = (config?: AdagradConfig): Adagrad => new Adagrad(config);
