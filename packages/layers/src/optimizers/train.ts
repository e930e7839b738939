/**
 * TensorFlow.js' `tf.train` factories, with its positional arguments in its order and its
 * defaults, over the Keras-style optimizer classes: code written for `tf.train.adam(0.01)` runs
 * unchanged. `epsilon` null or undefined takes the default (1e-7, TensorFlow.js' float32 epsilon).
 */
import { ArgumentError } from '@tensile/core';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { type Adam, TfjsAdam } from './adam.js';
import { Adamax } from './adamax.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

/** `tf.train.sgd(learningRate)`. */
export function sgd(learningRate: number): SGD {
  return new SGD({ learningRate: required('sgd', learningRate) });
}

/** `tf.train.momentum(learningRate, momentum, useNesterov = false)`: SGD with momentum. */
export function momentum(learningRate: number, momentum: number, useNesterov = false): SGD {
  if (typeof momentum !== 'number') {
    throw new ArgumentError(
      `train.momentum: momentum must be a number (train.momentum(learningRate, momentum, useNesterov)), got ${typeof momentum}`,
    );
  }
  return new SGD({ learningRate: required('momentum', learningRate), momentum, nesterov: useNesterov, name: 'momentum' });
}

/**
 * `tf.train.adam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon?)`, with TensorFlow.js'
 * placement of epsilon (see TfjsAdam); `optimizers.adam` and `compile({optimizer: 'adam'})` keep Keras'.
 */
export function adam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon?: number | null): Adam {
  return new TfjsAdam({ learningRate, beta1, beta2, ...eps(epsilon) });
}

/**
 * `tf.train.adamax(learningRate = 0.002, beta1 = 0.9, beta2 = 0.999, epsilon?, decay = 0)`; a
 * non-zero decay divides the rate by 1 + decay * step, as TensorFlow.js does.
 */
export function adamax(learningRate = 0.002, beta1 = 0.9, beta2 = 0.999, epsilon?: number | null, decay = 0): Adamax {
  if (typeof decay !== 'number' || !(decay >= 0))
    throw new ArgumentError(`train.adamax: decay must be a non-negative number, got ${String(decay)}`);
  const lr = decay === 0 ? learningRate : (step: number) => learningRate / (1 + decay * step);
  return new Adamax({ learningRate: lr, beta1, beta2, ...eps(epsilon) });
}

/** `tf.train.rmsprop(learningRate, decay = 0.9, momentum = 0, epsilon?, centered = false)`; TensorFlow.js' decay is Keras' rho. */
export function rmsprop(learningRate: number, decay = 0.9, momentum = 0, epsilon?: number | null, centered = false): RMSprop {
  return new RMSprop({ learningRate: required('rmsprop', learningRate), rho: decay, momentum, centered, ...eps(epsilon) });
}

/** `tf.train.adagrad(learningRate, initialAccumulatorValue = 0.1)`. */
export function adagrad(learningRate: number, initialAccumulatorValue = 0.1): Adagrad {
  return new Adagrad({ learningRate: required('adagrad', learningRate), initialAccumulatorValue });
}

/**
 * `tf.train.adadelta(learningRate = 0.001, rho = 0.95, epsilon?)`, with Keras' (and the paper's)
 * update: TensorFlow.js 4.22 divides by the squared-gradient average from before this step's
 * gradient is added, so its first step moves by lr * g whatever the gradient's scale; here each
 * step uses the average that includes its own gradient.
 */
export function adadelta(learningRate = 0.001, rho = 0.95, epsilon?: number | null): Adadelta {
  return new Adadelta({ learningRate, rho, ...eps(epsilon) });
}

function eps(epsilon: number | null | undefined): { epsilon?: number } {
  return epsilon === null || epsilon === undefined ? {} : { epsilon };
}

function required(factory: string, learningRate: number): number {
  if (learningRate === undefined)
    throw new ArgumentError(`train.${factory}: the learning rate is required, as in TensorFlow.js: train.${factory}(0.01)`);
  return learningRate;
}
