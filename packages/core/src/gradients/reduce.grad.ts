import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';
import { reducedShape, sizeFromShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { div, equal, mul } from '../ops/binary.js';
import { broadcastTo } from '../ops/broadcast-to.js';
import { cast } from '../ops/cast.js';
import { fill } from '../ops/fill.js';
import { prod, sum } from '../ops/reduce.js';
import { scoped } from '../ops/scoped.js';
import { where } from '../ops/where.js';

/** sum and mean spread dy over the reduced axes; max and min send it to every position equal to
 *  the extreme (as TensorFlow.js); prod uses the product of the other elements. */
export const reduceGradient = defineGradient('reduce', ['binary', 'cast', 'fill', 'reduce', 'select'], (dy, { x }, { op, axes }, y) => {
  const kept = reducedShape(x.shape, axes, true);
  const dyKept = (): Tensor => ENGINE.reshape(dy, kept);
  switch (op) {
    case 'sum':
      return { x: scoped(() => broadcastTo(dyKept(), x.shape)) };
    case 'mean': {
      const count = sizeFromShape(axes.map((a) => x.shape[a]));
      return { x: scoped(() => div(broadcastTo(dyKept(), x.shape), count)) };
    }
    case 'max':
    case 'min':
      return { x: scoped(() => mul(dyKept(), cast(equal(x, ENGINE.reshape(y, kept)), 'float32'))) };
    case 'prod':
      return { x: scoped(() => mul(dyKept(), productOfOthers(x, y, axes, kept))) };
    default:
      return {};
  }
});

/**
 * For each element, the product of the other elements of its reduction: y / x where x != 0;
 * where x == 0 it is the product of the non-zero elements if x is the only zero, else 0.
 */
function productOfOthers(x: Tensor, y: Tensor, axes: readonly number[], kept: number[]): Tensor {
  const isZero = equal(x, 0);
  const safeX = where(isZero, 1, x);
  const zeroCount = sum(cast(isZero, 'int32'), axes, true);
  const nonZeroProduct = prod(safeX, axes, true);
  const atZero = where(equal(zeroCount, 1), nonZeroProduct, fill(kept, 0));
  return where(isZero, atZero, div(ENGINE.reshape(y, kept), safeX));
}
