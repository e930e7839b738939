/**
 * Training, written once against `TrainableModel` (trainable.ts). What the Model classes
 * (Sequential, functional Model) call from their methods — `this` is the model:
 *
 *   compile(config: CompileConfig): void        → compile(this, config)
 *   fit(x, y, options?) / fit(dataset, options?) → return fit(this, x, y, options) / fit(this, dataset, options)
 *                                                  (Promise<History>)
 *   fitDataset(dataset, args) / evaluateDataset  → fitDataset(this, dataset, args) (TF.js forms; fit-dataset.ts)
 *   evaluate(x, y, options?) / evaluate(dataset) → return evaluate(this, x, y, options)
 *                                                  (Promise<number | number[] | Logs>)
 *   predict(x, options?)                         → return predict(this, x, options)   (sync: Tensor | Tensor[])
 *   trainOnBatch(x, y)                           → return trainOnBatch(this, x, y)     (Promise<number | number[] | Logs>)
 *   get optimizer(): Optimizer | undefined       → return getCompiled(this)?.optimizer
 *   dispose()                                    → disposeCompiled(this)  (frees the optimizer's state if
 *                                                  compile created it from a name/config), then the weights
 *
 * The model must implement `TrainableModel`: `apply(inputs, {training})` with a lone tensor for one
 * input, `trainableWeights` with unique variable names (gradients are matched by name),
 * `regularizationLosses()`, a writable `stopTraining`, and `getWeights`/`setWeights`/`save`
 * (EarlyStopping and ModelCheckpoint use them). `x`/`y` may be a tensor, a list in
 * `inputNames`/`outputNames` order, or a record keyed by those names.
 *
 * Public exports for the package's src/index.ts (Keras/TF.js-style namespaces):
 *   export * as optimizers from './optimizers/index.js';   // SGD, Adam, AdamW, RMSprop, Adagrad, get, sgd(), adam()...
 *   export * as losses from './losses/index.js';           // Keras' per-sample functions, Loss classes, get + TF.js' tf.losses
 *   export * as metrics from './metrics.js';               // accuracy variants, mse, mae, get
 *   export * as callbacks from './callbacks/index.js';     // Callback, History, EarlyStopping, ...
 *   export { Optimizer } from './optimizers/index.js';  export { Callback, History } from './callbacks/index.js';
 *   export type { CompileConfig, FitOptions, EvaluateOptions, PredictOptions, Batch, TensorData } from './training/index.js';
 *   export type { Logs } from './callbacks/index.js';
 */
export { trainStepStatus } from './compiled-step.js';
export { compile, disposeCompiled, getCompiled, requireCompiled, type CompileConfig, type CompiledModel } from './compile.js';
export { fit, type FitOptions } from './fit-loop.js';
export { evaluate, predict, trainOnBatch, type EvaluateOptions, type PredictOptions } from './evaluate.js';
export type { Batch, TensorData } from './data.js';
export type { ClassWeight } from './sample-weights.js';
export { fitDataset, evaluateDataset, type FitDatasetOptions, type EvaluateDatasetOptions, type BatchDataset } from './fit-dataset.js';
/** The seeded generator `fit` shuffles with, for data pipelines that shuffle on the host the same way. */
export { seededRandom } from './data.js';
export type { TrainableModel } from './trainable.js';
