/** LeNet-5 as the table gives it, shared by the tests. */
import { layers, sequential, type Sequential } from '../src/index.js';

export function lenet5(): Sequential {
  return sequential([
    layers.conv2d({ inputShape: [32, 32, 1], filters: 6, kernelSize: 5, activation: 'tanh' }),
    layers.averagePooling2d({ poolSize: 2 }),
    layers.conv2d({ filters: 16, kernelSize: 5, activation: 'tanh' }),
    layers.averagePooling2d({ poolSize: 2 }),
    layers.conv2d({ filters: 120, kernelSize: 5, activation: 'tanh' }),
    layers.flatten(),
    layers.dense({ units: 84, activation: 'tanh' }),
    layers.dense({ units: 10, activation: 'softmax' }),
  ]);
}
