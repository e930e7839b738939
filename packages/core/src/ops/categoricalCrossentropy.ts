import { ENGINE } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { div } from './binary.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { sum } from './reduce.js';
import { clipByValue } from './where.js';

/**
 * Keras' categorical crossentropy of probabilities, one value per sample: `-sum(yTrue *
 * log(clip(p)))` over the last axis, with `p = yPred / sum(yPred)` along it clipped to
 * [epsilon, 1 - epsilon] (Keras' and TF.js' fuzz factor, 1e-7 by default). Both inputs float32,
 * the same shape. Its gradient is zero where the clip holds p at a bound. Layers' loss of the same
 * name (which adds label smoothing and logits) calls it.
 */
export function categoricalCrossentropy(yTrue: TensorLike, yPred: TensorLike, epsilon = 1e-7): Tensor {
  return ENGINE.tidy(() => {
    const $yTrue = convertToTensor(yTrue, 'yTrue', 'categoricalCrossentropy', 'float32');
    const $yPred = convertToTensor(yPred, 'yPred', 'categoricalCrossentropy', 'float32');
    return ENGINE.runKernel('categoricalCrossentropy', { yTrue: $yTrue, yPred: $yPred }, { epsilon });
  });
}

/** @internal yPred renormalised over the last axis and clipped to [epsilon, 1 - epsilon]: what
 *  the log of the loss reads (its decomposition, and its gradient in yTrue). */
export function clippedProbabilities(yPred: Tensor, epsilon: number): Tensor {
  return clipByValue(div(yPred, sum(yPred, -1, true)), epsilon, 1 - epsilon);
}
