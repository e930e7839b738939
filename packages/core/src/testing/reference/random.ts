/** References of the counter-based random kernels: element i depends only on (seed, i). */
import type { DType } from '../../dtype.js';
import { normalAt, uniformAt } from '../../random.js';
import { nd, type Nd } from './nd.js';

/** minval + (maxval - minval) * u, u = uniformAt(seed, i); int32 floors that value. */
export function randomUniformRef(shape: readonly number[], minval: number, maxval: number, seed: number, dtype: DType): Nd {
  const out = nd(shape);
  for (let i = 0; i < out.values.length; i++) {
    const v = minval + (maxval - minval) * uniformAt(seed, i);
    out.values[i] = dtype === 'int32' ? Math.floor(v) : v;
  }
  return out;
}

export function randomNormalRef(shape: readonly number[], mean: number, stddev: number, seed: number): Nd {
  const out = nd(shape);
  for (let i = 0; i < out.values.length; i++) out.values[i] = mean + stddev * normalAt(seed, i);
  return out;
}
