/**
 * The `losses` namespace: Keras' losses (../losses.ts, what `compile` takes) and TensorFlow.js'
 * `tf.losses` functions. The one name both have, `meanSquaredError`, stays Keras' per-sample loss
 * (Keras semantics where the two differ); TensorFlow.js' reduced form is `tfMeanSquaredError` here
 * and `meanSquaredError` in the `tfLosses` namespace, which holds the TensorFlow.js set alone.
 */
export * from '../losses.js';
export {
  Reduction,
  absoluteDifference,
  computeWeightedLoss,
  cosineDistance,
  hingeLoss,
  huberLoss,
  logLoss,
  sigmoidCrossEntropy,
  softmaxCrossEntropy,
  meanSquaredError as tfMeanSquaredError,
} from './tf-losses.js';
