/** The built-in layers: classes, their registration, and the `layers.*` factories (as TF.js). */
import { registerLayer, type RegisteredLayerClass } from '../serialization.js';
import { Activation, type ActivationArgs } from './activation/activation.js';
import { ELU, type ELUArgs } from './activation/elu.js';
import { LeakyReLU, type LeakyReLUArgs } from './activation/leaky-relu.js';
import { PReLU, type PReLUArgs } from './activation/prelu.js';
import { ReLU, type ReLUArgs } from './activation/relu.js';
import { Softmax, type SoftmaxArgs } from './activation/softmax.js';
import { Conv2D, type Conv2DArgs } from './convolutional/conv2d.js';
import { Dense, type DenseArgs } from './core/dense.js';
import { InputLayer, input, type InputLayerArgs } from './core/input-layer.js';
import { Add } from './merging/add.js';
import { Concatenate, type ConcatenateArgs } from './merging/concatenate.js';
import { Average } from './merging/average.js';
import { Dot, type DotArgs } from './merging/dot.js';
import { Maximum } from './merging/maximum.js';
import { Minimum } from './merging/minimum.js';
import { Multiply } from './merging/multiply.js';
import { Subtract } from './merging/subtract.js';
import { BatchNormalization, type BatchNormalizationArgs } from './normalization/batch-normalization.js';
import { AveragePooling2D } from './pooling/average-pooling2d.js';
import { GlobalAveragePooling2D } from './pooling/global-average-pooling2d.js';
import type { GlobalPooling2DArgs } from './pooling/global-pooling2d.js';
import { GlobalMaxPooling2D } from './pooling/global-max-pooling2d.js';
import { MaxPooling2D } from './pooling/max-pooling2d.js';
import type { Pooling2DArgs } from './pooling/pooling2d.js';
import { Rescaling, type RescalingArgs } from './preprocessing/rescaling.js';
import { CenterCrop, type CenterCropArgs } from './preprocessing/center-crop.js';
import { Resizing, type ResizingArgs } from './preprocessing/resizing.js';
import { RandomFlip, type RandomFlipArgs } from './preprocessing/random-flip.js';
import { Normalization, type NormalizationArgs } from './preprocessing/normalization.js';
import { RandomTranslation, type RandomTranslationArgs } from './preprocessing/random-translation.js';
import { Dropout, type DropoutArgs } from './regularization/dropout.js';
import { Flatten } from './reshaping/flatten.js';
import { Permute, type PermuteArgs } from './reshaping/permute.js';
import { RepeatVector, type RepeatVectorArgs } from './reshaping/repeat-vector.js';
import { Reshape, type ReshapeArgs } from './reshaping/reshape.js';
import { ZeroPadding2D, type ZeroPadding2DArgs } from './reshaping/zero-padding2d.js';
import type { LayerArgs } from '../layer.js';

/** Built-in classes; the loader looks here first, so bundlers that drop the registration below
 *  (the package is side-effect free) still load every built-in layer. */
export const BUILTIN_LAYERS: readonly RegisteredLayerClass[] = [
  InputLayer,
  Dense,
  Conv2D,
  MaxPooling2D,
  AveragePooling2D,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  Flatten,
  Reshape,
  ZeroPadding2D,
  Rescaling,
  Activation,
  Dropout,
  BatchNormalization,
  Add,
  Concatenate,
  Multiply,
  Subtract,
  Average,
  Maximum,
  Minimum,
  Dot,
  ReLU,
  LeakyReLU,
  PReLU,
  ELU,
  Softmax,
  Permute,
  RepeatVector,
  Resizing,
  CenterCrop,
  RandomFlip,
  Normalization,
  RandomTranslation,
];
for (const cls of BUILTIN_LAYERS) registerLayer(cls);

/** Factories named as in TensorFlow.js: `layers.dense({units: 10})`. */
export const layers = {
  inputLayer: (args: InputLayerArgs) => new InputLayer(args),
  dense: (args: DenseArgs) => new Dense(args),
  conv2d: (args: Conv2DArgs) => new Conv2D(args),
  maxPooling2d: (args?: Pooling2DArgs) => new MaxPooling2D(args),
  averagePooling2d: (args?: Pooling2DArgs) => new AveragePooling2D(args),
  globalAveragePooling2d: (args?: GlobalPooling2DArgs) => new GlobalAveragePooling2D(args),
  globalMaxPooling2d: (args?: GlobalPooling2DArgs) => new GlobalMaxPooling2D(args),
  flatten: (args?: LayerArgs) => new Flatten(args),
  reshape: (args: ReshapeArgs) => new Reshape(args),
  zeroPadding2d: (args?: ZeroPadding2DArgs) => new ZeroPadding2D(args),
  rescaling: (args: RescalingArgs) => new Rescaling(args),
  activation: (args: ActivationArgs) => new Activation(args),
  dropout: (args: DropoutArgs) => new Dropout(args),
  batchNormalization: (args?: BatchNormalizationArgs) => new BatchNormalization(args),
  add: (args?: LayerArgs) => new Add(args),
  concatenate: (args?: ConcatenateArgs) => new Concatenate(args),
  multiply: (args?: LayerArgs) => new Multiply(args),
  subtract: (args?: LayerArgs) => new Subtract(args),
  average: (args?: LayerArgs) => new Average(args),
  maximum: (args?: LayerArgs) => new Maximum(args),
  minimum: (args?: LayerArgs) => new Minimum(args),
  dot: (args: DotArgs) => new Dot(args),
  reLU: (args?: ReLUArgs) => new ReLU(args),
  leakyReLU: (args?: LeakyReLUArgs) => new LeakyReLU(args),
  prelu: (args?: PReLUArgs) => new PReLU(args),
  elu: (args?: ELUArgs) => new ELU(args),
  softmax: (args?: SoftmaxArgs) => new Softmax(args),
  permute: (args: PermuteArgs) => new Permute(args),
  repeatVector: (args: RepeatVectorArgs) => new RepeatVector(args),
  resizing: (args: ResizingArgs) => new Resizing(args),
  centerCrop: (args: CenterCropArgs) => new CenterCrop(args),
  randomFlip: (args?: RandomFlipArgs) => new RandomFlip(args),
  normalization: (args?: NormalizationArgs) => new Normalization(args),
  randomTranslation: (args: RandomTranslationArgs) => new RandomTranslation(args),
  input,
};

export {
  Activation,
  Add,
  AveragePooling2D,
  BatchNormalization,
  Concatenate,
  Conv2D,
  Dense,
  Dropout,
  Flatten,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  InputLayer,
  MaxPooling2D,
  Rescaling,
  Reshape,
  ZeroPadding2D,
  input,
  Multiply,
  Subtract,
  Average,
  Maximum,
  Minimum,
  Dot,
  ReLU,
  LeakyReLU,
  PReLU,
  ELU,
  Softmax,
  Permute,
  RepeatVector,
  Resizing,
  CenterCrop,
  RandomFlip,
  Normalization,
  RandomTranslation,
};
export type {
  RandomTranslationArgs,
  NormalizationArgs,
  RandomFlipArgs,
  ResizingArgs,
  CenterCropArgs,
  PermuteArgs,
  RepeatVectorArgs,
  DotArgs,
  ReLUArgs,
  LeakyReLUArgs,
  PReLUArgs,
  ELUArgs,
  SoftmaxArgs,
  ActivationArgs,
  BatchNormalizationArgs,
  ConcatenateArgs,
  Conv2DArgs,
  DenseArgs,
  DropoutArgs,
  GlobalPooling2DArgs,
  InputLayerArgs,
  Pooling2DArgs,
  RescalingArgs,
  ReshapeArgs,
  ZeroPadding2DArgs,
};
