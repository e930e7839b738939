/**
 * LeNet-5 in tfjs-layers, layer for layer the model `npm run mnist` trains (zero padding and
 * rescaling in front, fed the same raw pixels), for the TF.js peers of the benchmark. No Node
 * APIs: the Node bench and the browser bench page both build it here.
 */
import { INPUT_SHAPE, PADDED_SIDE, rescalingFor } from './model.js';

export function tfjsLenet5(tfl: typeof import('@tensorflow/tfjs-layers')): import('@tensorflow/tfjs-layers').Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.zeroPadding2d({ inputShape: [...INPUT_SHAPE], padding: (PADDED_SIDE - INPUT_SHAPE[0]) / 2 }),
      tfl.layers.rescaling(rescalingFor('standard')),
      tfl.layers.conv2d({ filters: 6, kernelSize: 5, activation: 'tanh' }),
      tfl.layers.averagePooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'tanh' }),
      tfl.layers.averagePooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 120, kernelSize: 5, activation: 'tanh' }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 84, activation: 'tanh' }),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}
