/**
 * @tensile/layers: the Keras 3 API of Tensile. Layers, Sequential and functional models,
 * training (compile/fit/evaluate/predict), optimizers, losses, metrics, callbacks, and save/load
 * in the TensorFlow.js layers format.
 */
export { Layer, uniqueLayerName, type CallOptions, type LayerArgs } from './layer.js';
export { SymbolicTensor, Node, type SymbolicShape } from './symbolic-tensor.js';
export {
  registerLayer,
  camelToSnake,
  snakeToCamel,
  ConfigReader,
  type ConfigDict,
  type JsonValue,
  type RegisteredLayerClass,
  type SerializedObject,
} from './serialization.js';
export { baseArgs } from './layer.js';
export * from './layers/index.js';
export { activations, getActivation, type Activation as ActivationFunction, type ActivationIdentifier } from './activations.js';
export {
  initializers,
  getInitializer,
  Initializer,
  Zeros,
  Ones,
  Constant,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  VarianceScaling,
  Orthogonal,
  type InitializerIdentifier,
  type VarianceScalingConfig,
} from './initializers.js';
export { regularizers, getRegularizer, L1L2, type Regularizer } from './regularizers.js';
export { Model, model, type ModelArgs, type DisposeResult } from './models/model.js';
export { Sequential, sequential, type SequentialArgs } from './models/sequential.js';
export type { SummaryOptions } from './models/summary.js';
export { loadModel, modelFromArtifacts, type LoadOptions } from './models/load.js';
export { io } from './io/index.js';
export type { IOHandler, ModelArtifacts, ModelJSON, SaveResult, WeightsManifestEntry, ModelArtifactsInfo } from './io/types.js';

// Training: compile/fit/evaluate/predict (training/), optimizers, losses, metrics, callbacks.
export * from './training/index.js';
export * as optimizers from './optimizers/index.js';
export { Optimizer, SGD, Adam, AdamW, RMSprop, Adagrad } from './optimizers/index.js';
export * as losses from './losses/index.js';
export * as metrics from './metrics.js';
export * as callbacks from './callbacks/index.js';
export {
  Callback,
  History,
  EarlyStopping,
  ModelCheckpoint,
  ReduceLROnPlateau,
  LearningRateScheduler,
  TerminateOnNaN,
  CSVLogger,
  LambdaCallback,
  ProgressBar,
  type Logs,
} from './callbacks/index.js';

// TensorFlow.js' training API: tf.train factories and the Adamax/Adadelta optimizers.
export * as train from './optimizers/train.js';
export { Adamax, Adadelta } from './optimizers/index.js';
// TensorFlow.js' tf.losses alone (its meanSquaredError reduces); `losses` holds them beside Keras'.
export * as tfLosses from './losses/tf-losses.js';
export { Reduction } from './losses/tf-losses.js';
// TensorFlow.js' tf.data: data.array/generator/zip and Dataset (model.fitDataset trains on one).
export * as data from './data/index.js';
export { Dataset } from './data/index.js';
// TensorFlow.js' model.toJSON() counterpart: a model from its topology JSON.
export { modelFromJSON } from './models/from-json.js';
