/** What the composed ops' forward cases share: run an op on tensors made from reference arrays,
 *  compare, and dispose everything whatever happens. */
import type { DType } from '../../dtype.js';
import type { Tensor } from '../../tensor.js';
import { expectTensor, toTensor, type Tolerance } from '../harness.js';
import type { Nd } from '../reference/nd.js';

/** Checks `op(tensors of inputs)` against `expected`; inputs are [values, dtype] pairs. */
export async function expectOp(
  what: string,
  inputs: readonly (readonly [Nd, DType])[],
  op: (xs: Tensor[]) => Tensor,
  expected: Nd,
  dtype: DType,
  tol: Tolerance,
): Promise<void> {
  const xs = inputs.map(([x, d]) => toTensor(x, d));
  let y: Tensor | undefined;
  try {
    y = op(xs);
    await expectTensor(what, y, expected, dtype, tol);
  } finally {
    for (const x of xs) x.dispose();
    y?.dispose();
  }
}
