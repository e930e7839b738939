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
// Sequences: 1-D convolution and pooling, and the TimeDistributed wrapper.
import { Conv1D, type Conv1DArgs } from './convolutional/conv1d.js';
import { AveragePooling1D } from './pooling/average-pooling1d.js';
import { GlobalAveragePooling1D } from './pooling/global-average-pooling1d.js';
import { GlobalMaxPooling1D } from './pooling/global-max-pooling1d.js';
import type { GlobalPooling1DArgs } from './pooling/global-pooling1d.js';
import { MaxPooling1D } from './pooling/max-pooling1d.js';
import type { Pooling1DArgs } from './pooling/pooling1d.js';
import { TimeDistributed, type TimeDistributedArgs } from './wrappers/time-distributed.js';
import { Conv2DTranspose, type Conv2DTransposeArgs } from './convolutional/conv2d-transpose.js';
import { DepthwiseConv2D, type DepthwiseConv2DArgs } from './convolutional/depthwise-conv2d.js';
import { SeparableConv2D, type SeparableConv2DArgs } from './convolutional/separable-conv2d.js';
import { Cropping2D, type Cropping2DArgs } from './reshaping/cropping2d.js';
import { LayerNormalization, type LayerNormalizationArgs } from './normalization/layer-normalization.js';
import { MultiHeadAttention, type MultiHeadAttentionArgs } from './attention/multi-head-attention.js';
import { UpSampling2D, type UpSampling2DArgs } from './reshaping/up-sampling2d.js';
import { Embedding, type EmbeddingArgs } from './core/embedding.js';
import { LSTM, type LSTMArgs } from './recurrent/lstm.js';
import { GRU, type GRUArgs } from './recurrent/gru.js';
import { SimpleRNN, type SimpleRNNArgs } from './recurrent/simple-rnn.js';
import { Bidirectional, type BidirectionalArgs } from './wrappers/bidirectional.js';

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
  Conv1D,
  MaxPooling1D,
  AveragePooling1D,
  GlobalAveragePooling1D,
  GlobalMaxPooling1D,
  TimeDistributed,
  DepthwiseConv2D,
  SeparableConv2D,
  Conv2DTranspose,
  UpSampling2D,
  Cropping2D,
  LayerNormalization,
  MultiHeadAttention,
  Embedding,
  LSTM,
  GRU,
  SimpleRNN,
  Bidirectional,
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
  conv1d: (args: Conv1DArgs) => new Conv1D(args),
  maxPooling1d: (args?: Pooling1DArgs) => new MaxPooling1D(args),
  averagePooling1d: (args?: Pooling1DArgs) => new AveragePooling1D(args),
  globalAveragePooling1d: (args?: GlobalPooling1DArgs) => new GlobalAveragePooling1D(args),
  globalMaxPooling1d: (args?: GlobalPooling1DArgs) => new GlobalMaxPooling1D(args),
  timeDistributed: (args: TimeDistributedArgs) => new TimeDistributed(args),
  embedding: (args: EmbeddingArgs) => new Embedding(args),
  lstm: (args: LSTMArgs) => new LSTM(args),
  gru: (args: GRUArgs) => new GRU(args),
  simpleRNN: (args: SimpleRNNArgs) => new SimpleRNN(args),
  bidirectional: (args: BidirectionalArgs) => new Bidirectional(args),
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
  depthwiseConv2d: (args: DepthwiseConv2DArgs) => new DepthwiseConv2D(args),
  separableConv2d: (args: SeparableConv2DArgs) => new SeparableConv2D(args),
  conv2dTranspose: (args: Conv2DTransposeArgs) => new Conv2DTranspose(args),
  upSampling2d: (args?: UpSampling2DArgs) => new UpSampling2D(args),
  cropping2D: (args: Cropping2DArgs) => new Cropping2D(args),
  layerNormalization: (args?: LayerNormalizationArgs) => new LayerNormalization(args),
  multiHeadAttention: (args: MultiHeadAttentionArgs) => new MultiHeadAttention(args),
};

export { Bidirectional, Embedding, GRU, LSTM, SimpleRNN };
export type { BidirectionalArgs, EmbeddingArgs, GRUArgs, LSTMArgs, SimpleRNNArgs };
export type { BidirectionalMergeMode } from './wrappers/bidirectional.js';
export { RNN, type RNNArgs } from './recurrent/rnn.js';

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
  DepthwiseConv2D,
  SeparableConv2D,
  Conv2DTranspose,
  UpSampling2D,
  Cropping2D,
  LayerNormalization,
  MultiHeadAttention,
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
  DepthwiseConv2DArgs,
  SeparableConv2DArgs,
  Conv2DTransposeArgs,
  UpSampling2DArgs,
  Cropping2DArgs,
  LayerNormalizationArgs,
  MultiHeadAttentionArgs,
};
export { Conv1D, MaxPooling1D, AveragePooling1D, GlobalAveragePooling1D, GlobalMaxPooling1D, TimeDistributed };
export type { Conv1DArgs, Pooling1DArgs, GlobalPooling1DArgs, TimeDistributedArgs };
