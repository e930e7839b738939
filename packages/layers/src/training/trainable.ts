/**
 * The seam between the model classes (models/) and training (training/, optimizers/, losses,
 * metrics, callbacks): `Sequential` and functional `Model` implement `TrainableModel`; compile,
 * fit, evaluate, predict and trainOnBatch are written once against it.
 */
import type { Tensor, Variable } from '@tensile/core';

export interface TrainableModel {
  readonly name: string;
  /** Variables the optimizer updates (trainable layers' trainable weights), in a stable order. */
  readonly trainableWeights: readonly Variable[];
  /** Every weight, trainable or not (BatchNormalization's moving statistics are not). */
  readonly weights: readonly Variable[];
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Static output shapes, batch dimension as null. */
  readonly outputShapes: readonly (readonly (number | null)[])[];
  /**
   * The forward pass on one batch. `training` switches Dropout and BatchNormalization; layers that
   * update state during training (BatchNormalization's moving averages) do it inside this call.
   */
  apply(inputs: Tensor | readonly Tensor[], options: { training: boolean }): Tensor | Tensor[];
  /** Penalties of the layers' regularizers for the current weights (a list of scalars). */
  regularizationLosses(): Tensor[];
  /** Set by callbacks (EarlyStopping, TerminateOnNaN) to end `fit` after the current batch. */
  stopTraining: boolean;
  getWeights(): Tensor[];
  setWeights(weights: readonly Tensor[]): void;
  /** Saves to a URL or IO handler (ModelCheckpoint uses it). */
  save(destination: string): Promise<unknown>;
}
