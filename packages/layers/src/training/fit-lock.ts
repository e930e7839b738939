/**
 * One fit at a time per model. Two fits on one model would interleave their steps on the same
 * weights and optimizer state, and compile or dispose in the middle of a fit pulls the optimizer
 * or the weights from under it; each of these fails later with a message about something else.
 * fit takes the lock before its first await, so a second call made in the same tick sees it.
 */
import { TensileError } from '@tensile/core';
import type { TrainableModel } from './trainable.js';

const FITTING = new WeakSet<TrainableModel>();

/** Marks `model` as training, or refuses as TensorFlow.js does when a fit is already running. */
export function lockForFit(model: TrainableModel): void {
  if (FITTING.has(model)) {
    throw new TensileError(
      `fit: cannot start training model '${model.name}' because another fit() call is ongoing; await it before calling fit again`,
    );
  }
  FITTING.add(model);
}

export function unlockAfterFit(model: TrainableModel): void {
  FITTING.delete(model);
}

/** Refuses `api` (compile, dispose, trainOnBatch: `action` in words) while a fit on `model` runs. */
export function refuseDuringFit(model: TrainableModel, api: string, action: string, advice: string): void {
  if (FITTING.has(model)) throw new TensileError(`${api}: cannot ${action} model '${model.name}' while a fit() call is ongoing; ${advice}`);
}
