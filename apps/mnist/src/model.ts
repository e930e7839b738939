/**
 * LeNet-5 as the seed lecture's table gives it (LeCun et al. 1998, with the RBF output replaced by
 * softmax as in the Keras version):
 *
 * | layer | what                     | output     | params |
 * | ----- | ------------------------ | ---------- | ------ |
 * | input | MNIST zero-padded by 2   | 32x32x1    | 0      |
 * | C1    | conv 6@5x5, tanh         | 28x28x6    | 156    |
 * | S2    | 2x2 average pooling      | 14x14x6    | 0      |
 * | C3    | conv 16@5x5, tanh        | 10x10x16   | 2,416  |
 * | S4    | 2x2 average pooling      | 5x5x16     | 0      |
 * | C5    | conv 120@5x5, tanh       | 1x1x120    | 48,120 |
 * | -     | flatten                  | 120        | 0      |
 * | F6    | dense 84, tanh           | 84         | 10,164 |
 * | out   | dense 10, softmax        | 10         | 850    |
 * |       | total                    |            | 61,706 |
 *
 * (C3 here connects to all six S2 maps; the paper's sparse connection table is a 1998 economy.)
 */
import { initializers, layers, sequential, type Sequential } from '@tensile/layers';

export const LENET5_PARAMS = 61_706;
export const INPUT_SHAPE = [32, 32, 1] as const;

export interface LeNetOptions {
  /** Seeds the Glorot-uniform kernels (each layer gets seed + its index); random when absent. */
  seed?: number;
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
      layers.conv2d({ name: 'C1', inputShape: [...INPUT_SHAPE], filters: 6, kernelSize: 5, activation: act, kernelInitializer: kernel() }),
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

/** LeNet-5: tanh and 2x2 average pooling, 61,706 parameters. */
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
