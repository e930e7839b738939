/** Runs a Tensile layer and a TF.js 4.22 layer on the same input with the same weights; returns both outputs. */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { tensor, type Tensor } from '@tensile/core';
import type { Layer } from '../../src/index.js';
import { seededValues as seeded } from './tfjs-files.js';

export interface OracleInput {
  shape: [number, number, number];
  /** [batch, time] of 0/1: 0 marks a padded step. */
  mask?: number[][];
  seed?: number;
}

/** Flattened outputs of both layers, output by output (output first, then states). */
export async function runBoth(
  ours: Layer,
  theirs: tfl.layers.Layer,
  input: OracleInput,
): Promise<{ ours: number[][]; theirs: number[][] }> {
  const { shape, mask } = input;
  const x = seeded(shape[0] * shape[1] * shape[2], input.seed ?? 7);
  // Build both, then give TF.js our (randomly initialised) weights.
  ours.applyAll(tensor(x, shape)).forEach((t) => t.dispose());
  const weights = ours.getWeights();
  const arrays = await Promise.all(weights.map((w) => w.data()));
  tf.tidy(() => {
    theirs.apply(tf.tensor(x, shape));
  });
  theirs.setWeights(arrays.map((a, i) => tf.tensor(Float32Array.from(a), [...weights[i].shape])));
  for (const w of weights) w.dispose();
  const oursMask = mask ? tensor(mask.flat(), [shape[0], shape[1]], 'bool') : null;
  const outs: Tensor[] = ours.applyAll(tensor(x, shape), oursMask ? { mask: oursMask } : {});
  const theirsOut = tf.tidy(() => {
    const kwargs = mask ? { mask: tf.tensor(mask.flat(), [shape[0], shape[1]], 'bool') } : {};
    const y = theirs.apply(tf.tensor(x, shape), kwargs) as tf.Tensor | tf.Tensor[];
    return Array.isArray(y) ? y : [y];
  });
  const result = {
    ours: await Promise.all(outs.map(async (t) => Array.from(await t.data()))),
    theirs: await Promise.all(theirsOut.map(async (t) => Array.from(await t.data()))),
  };
  tf.dispose(theirsOut);
  for (const t of outs) t.dispose();
  oursMask?.dispose();
  return result;
}
