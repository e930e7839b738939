/**
 * Optimizers by name, config or instance, as `keras.optimizers.get`: 'sgd', 'adam', 'adamw',
 * 'rmsprop', 'adagrad', 'adamax', 'adadelta' (any case), `{className, config}` (Keras' and TensorFlow.js' serialised form),
 * or an `Optimizer`, returned as is.
 */
import { ArgumentError, TensileError } from '@tensile/core';
import { Adadelta, type AdadeltaConfig } from './adadelta.js';
import { Adagrad, type AdagradConfig } from './adagrad.js';
import { Adam, type AdamConfig } from './adam.js';
import { Adamax, type AdamaxConfig } from './adamax.js';
import { AdamW } from './adamw.js';
import { Optimizer, type SerializedOptimizer } from './optimizer.js';
import { KERAS_KEYS } from './options.js';
import { RMSprop, type RMSpropConfig } from './rmsprop.js';
import { SGD, type SGDConfig } from './sgd.js';

export { Optimizer, type LearningRateSchedule, type OptimizerConfig, type SerializedOptimizer } from './optimizer.js';
export type { GradientPairs, NamedGradients } from './gradient-pairs.js';
export { SGD, type SGDConfig } from './sgd.js';
export { Adam, type AdamConfig } from './adam.js';
export { AdamW } from './adamw.js';
export { RMSprop, type RMSpropConfig } from './rmsprop.js';
export { Adagrad, type AdagradConfig } from './adagrad.js';
export { Adamax, type AdamaxConfig } from './adamax.js';
export { Adadelta, type AdadeltaConfig } from './adadelta.js';

export type OptimizerIdentifier = string | SerializedOptimizer | Optimizer;

const FACTORIES: Record<string, (config: Record<string, unknown>) => Optimizer> = {
  sgd: (c) => new SGD(fromKeras(c) as SGDConfig),
  adam: (c) => new Adam(fromKeras(c) as AdamConfig),
  adamw: (c) => new AdamW(fromKeras(c) as AdamConfig),
  rmsprop: (c) => new RMSprop(fromKeras(c) as RMSpropConfig),
  adagrad: (c) => new Adagrad(fromKeras(c) as AdagradConfig),
  adamax: (c) => new Adamax(fromKeras(c) as AdamaxConfig),
  adadelta: (c) => new Adadelta(fromKeras(c) as AdadeltaConfig),
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
  throw new TensileError(
    `optimizers.get: expected an optimizer name (${Object.keys(FACTORIES).join(', ')}), a {className, config} object or an Optimizer, got ${describe(identifier)}`,
  );
}

function make(name: string, config: Record<string, unknown>): Optimizer {
  const factory = FACTORIES[name.toLowerCase()];
  if (!factory) throw new TensileError(`optimizers.get: unknown optimizer '${name}'; expected one of ${Object.keys(FACTORIES).join(', ')}`);
  return factory(config);
}

function describe(x: unknown): string {
  return x === null ? 'null' : typeof x === 'object' ? JSON.stringify(x) : typeof x;
}

/**
 * Factory functions in TensorFlow.js' style: `optimizers.adam(0.01)` or `optimizers.adam({learningRate:
 * 0.01, beta1: 0.8})`. TensorFlow.js' further positional arguments (`tf.train.adam(lr, beta1)`) are
 * refused rather than dropped: here they are named in the config.
 */
export function sgd(config?: number | SGDConfig, ...extra: never[]): SGD {
  oneArgument('sgd', extra.length, '{learningRate, momentum, nesterov}');
  return new SGD(config);
}
export function adam(config?: number | AdamConfig, ...extra: never[]): Adam {
  oneArgument('adam', extra.length, '{learningRate, beta1, beta2, epsilon}');
  return new Adam(config);
}
export function adamw(config?: number | AdamConfig, ...extra: never[]): AdamW {
  oneArgument('adamw', extra.length, '{learningRate, weightDecay, beta1, beta2, epsilon}');
  return new AdamW(config);
}
export function rmsprop(config?: number | RMSpropConfig, ...extra: never[]): RMSprop {
  oneArgument('rmsprop', extra.length, '{learningRate, rho, momentum, epsilon, centered}');
  return new RMSprop(config);
}
export function adagrad(config?: number | AdagradConfig, ...extra: never[]): Adagrad {
  oneArgument('adagrad', extra.length, '{learningRate, initialAccumulatorValue}');
  return new Adagrad(config);
}

function oneArgument(factory: string, extra: number, example: string): void {
  if (extra > 0) {
    throw new ArgumentError(
      `optimizers.${factory}: takes one argument, a learning rate or a config object, got ${extra + 1} arguments; name the others: optimizers.${factory}(${example})`,
    );
  }
}
export function adamax(config?: number | AdamaxConfig, ...extra: never[]): Adamax {
  oneArgument('adamax', extra.length, '{learningRate, beta1, beta2, epsilon}');
  return new Adamax(config);
}
export function adadelta(config?: number | AdadeltaConfig, ...extra: never[]): Adadelta {
  oneArgument('adadelta', extra.length, '{learningRate, rho, epsilon}');
  return new Adadelta(config);
}
