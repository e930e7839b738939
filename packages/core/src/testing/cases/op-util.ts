/** Building blocks of the composed ops' cases: inputs with the float32 special values, and a
 *  forward check that disposes what it made. */
import type { DType } from '../../dtype.js';
import type { Tensor } from '../../tensor.js';
import { expectTensor, toTensor, type Rng, type Tolerance } from '../harness.js';
import { nd, type Nd } from '../reference/nd.js';

/** NaN, both infinities, both zeros, the largest and smallest normal float32 values, and a
 *  denormal (which a GPU may flush to zero: it is finite either way). */
export const SPECIALS: readonly number[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  0,
  -0,
  1,
  -2.5,
  3.4028234663852886e38,
  -3.4028234663852886e38,
  1.1754943508222875e-38,
  1e-40,
];

/** `count` values: the specials scattered among random floats in [-3, 3). */
export function withSpecials(rng: Rng, count: number): Nd {
  const x = rng.floats([count], -3, 3);
  SPECIALS.forEach((v, i) => {
    x.values[(i * 7) % count] = v;
  });
  return x;
}

/** Runs `op` on tensors of `inputs`, checks the result against `expected`, disposes both. */
export async function checkOp(
  what: string,
  inputs: readonly (readonly [Nd, DType])[],
  op: (...xs: Tensor[]) => Tensor,
  expected: Nd,
  dtype: DType,
  tol: Tolerance,
  scale?: Float64Array,
): Promise<void> {
  const xs = inputs.map(([x, d]) => toTensor(x, d));
  try {
    const y = op(...xs);
    try {
      await expectTensor(what, y, expected, dtype, tol, scale);
    } finally {
      y.dispose();
    }
  } finally {
    for (const x of xs) x.dispose();
  }
}

export function ndOf(shape: readonly number[], values: readonly number[]): Nd {
  return nd(shape, values);
}
