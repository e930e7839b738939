/**
 * LeNet-5 as the paper's table gives it (LeCun et al. 1998, with the RBF output replaced by
 * softmax as in the Keras version), with its input preprocessing inside the model, as Keras users
 * put it: the saved model takes what an IDX file or a canvas gives (28x28x1 pixels 0..255) and
 * needs nothing else to be known about how it was trained.
 *
 * | layer   | what                             | output   | params |
 * | ------- | -------------------------------- | -------- | ------ |
 * | input   | MNIST pixels 0..255              | 28x28x1  | 0      |
 * | pad     | zero padding by 2 (black border) | 32x32x1  | 0      |
 * | rescale | (x/255 - mean) / std             | 32x32x1  | 0      |
 * | C1      | conv 6@5x5, tanh                 | 28x28x6  | 156    |
 * | S2      | 2x2 average pooling              | 14x14x6  | 0      |
 * | C3      | conv 16@5x5, tanh                | 10x10x16 | 2,416  |
 * | S4      | 2x2 average pooling              | 5x5x16   | 0      |
 * | C5      | conv 120@5x5, tanh               | 1x1x120  | 48,120 |
 * | -       | flatten                          | 120      | 0      |
 * | F6      | dense 84, tanh                   | 84       | 10,164 |
 * | out     | dense 10, softmax                | 10       | 850    |
 * |         | total                            |          | 61,706 |
 *
 * (C3 here connects to all six S2 maps; the paper's sparse connection table is a 1998 economy.)
 * The padding comes before the rescaling: the border is a black pixel (0) and is standardised
 * like every other black pixel, to (0 - mean) / std, as the LeNet paper's padded digits are.
 */
import { initializers, layers, sequential, type Sequential } from '@tensile/layers';

export const LENET5_PARAMS = 61_706;
/** What the model takes: raw MNIST pixels, 0..255 as float32. */
export const INPUT_SHAPE = [28, 28, 1] as const;
/** What C1 sees after the padding. */
export const PADDED_SIDE = 32;

/** Mean and standard deviation of the 60,000 training pixels scaled to [0, 1] (the usual constants). */
export const MNIST_MEAN = 0.1307;
export const MNIST_STD = 0.3081;

/** 'standard': (x/255 - MNIST_MEAN) / MNIST_STD; 'unit': x/255, in [0, 1]. */
export type Normalization = 'standard' | 'unit';

/** The Rescaling layer's `x * scale + offset` for a normalisation of pixels 0..255. */
export function rescalingFor(norm: Normalization): { scale: number; offset: number } {
  return norm === 'standard' ? { scale: 1 / (255 * MNIST_STD), offset: -MNIST_MEAN / MNIST_STD } : { scale: 1 / 255, offset: 0 };
}

export interface LeNetOptions {
  /** Seeds the Glorot-uniform kernels (each layer gets seed + its index); random when absent. */
  seed?: number;
  /** The normalisation the model's Rescaling layer applies (default 'standard'). */
  norm?: Normalization;
}

type Act = 'tanh' | 'relu';

function build(name: string, act: Act, pool: 'average' | 'max', opts: LeNetOptions): Sequential {
  let k = 0;
  // Keras' default kernel initializer, seeded so that `--seed` makes runs repeatable.
  const kernel = () => initializers.glorotUniform(opts.seed === undefined ? {} : { seed: opts.seed + k++ });
  const poolLayer = (n: string) =>
    pool === 'average' ? layers.averagePooling2d({ poolSize: 2, name: n }) : layers.maxPooling2d({ poolSize: 2, name: n });
  return sequential({
    name,
    layers: [
      layers.zeroPadding2d({ name: 'pad', inputShape: [...INPUT_SHAPE], padding: (PADDED_SIDE - INPUT_SHAPE[0]) / 2 }),
      layers.rescaling({ name: 'rescale', ...rescalingFor(opts.norm ?? 'standard') }),
      layers.conv2d({ name: 'C1', filters: 6, kernelSize: 5, activation: act, kernelInitializer: kernel() }),
      poolLayer('S2'),
      layers.conv2d({ name: 'C3', filters: 16, kernelSize: 5, activation: act, kernelInitializer: kernel() }),
      poolLayer('S4'),
      layers.conv2d({ name: 'C5', filters: 120, kernelSize: 5, activation: act, kernelInitializer: kernel() }),
      layers.flatten({ name: 'flatten' }),
      layers.dense({ name: 'F6', units: 84, activation: act, kernelInitializer: kernel() }),
      layers.dense({ name: 'output', units: 10, activation: 'softmax', kernelInitializer: kernel() }),
    ],
  });
}

/** LeNet-5: tanh and 2x2 average pooling, 61,706 parameters, on raw 28x28x1 pixels 0..255. */
export function lenet5(opts: LeNetOptions = {}): Sequential {
  return build('lenet5', 'tanh', 'average', opts);
}

/** The same shape with relu and 2x2 max pooling, for comparison (also 61,706 parameters). */
export function lenet5Relu(opts: LeNetOptions = {}): Sequential {
  return build('lenet5_relu', 'relu', 'max', opts);
}

export function buildModel(name: 'lenet5' | 'lenet5-relu', opts: LeNetOptions = {}): Sequential {
  return name === 'lenet5' ? lenet5(opts) : lenet5Relu(opts);
}
