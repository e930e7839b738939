/**
 * Sparse crossentropy turns each label into a one-hot row, and a label outside [0, classes) turns
 * into a row of zeros: the loss of that sample is 0 and training runs on, learning nothing from it.
 * A fraction is cut to an integer, silently. TensorFlow's kernel refuses such labels; here fit and
 * evaluate check them once per dataset, on the host, before the first step: one read back of the
 * labels, never one per batch. The class count is the last dimension of the model's output.
 */
import { ArgumentError, type Tensor } from '@tensile/core';
import type { CompiledModel } from './compile.js';
import type { TrainableModel } from './trainable.js';

const SPARSE = 'sparse_categorical_crossentropy';

/**
 * Throws an ArgumentError naming `api`, the loss, the first bad label, its index in `what` (the
 * user's name for the targets, e.g. 'y' or 'validationData y') and the valid range.
 */
export async function checkSparseLabels(
  api: string,
  model: TrainableModel,
  compiled: CompiledModel,
  ys: readonly Tensor[],
  what: string,
): Promise<void> {
  for (let o = 0; o < ys.length; o++) {
    if (compiled.losses[o]?.name !== SPARSE) continue;
    const shape = model.outputShapes[o] ?? [];
    const classes = shape.length > 0 ? shape[shape.length - 1] : null;
    const labels = await ys[o].data();
    const bad = firstBad(labels, classes);
    if (bad === -1) continue;
    const value = labels[bad];
    const range = classes === null ? 'non-negative integers' : `integers in [0, ${classes}) (the model's output has ${classes} classes)`;
    const output = model.outputNames.length > 1 ? ` (output '${model.outputNames[o]}')` : '';
    const problem = Number.isInteger(value) ? 'outside the valid range' : 'not an integer class index';
    throw new ArgumentError(
      `${api}: ${SPARSE} got label ${value} at ${what}${output}${indexOf(bad, ys[o].shape)}, ${problem}; labels must be ${range}`,
    );
  }
}

function firstBad(labels: ArrayLike<number>, classes: number | null): number {
  const limit = classes ?? Infinity;
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (!(Number.isInteger(v) && v >= 0 && v < limit)) return i;
  }
  return -1;
}

/** The flat index `i` of a tensor of `shape` as `[i0, i1, ...]`. */
function indexOf(i: number, shape: readonly number[]): string {
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(i % shape[d]);
    i = Math.floor(i / shape[d]);
  }
  return `[${idx.join(', ')}]`;
}
