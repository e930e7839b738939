import { defineGradient, type GradResult } from './define.js';
import type { Tensor } from '../tensor.js';
import { div, greater, greaterEqual, less, lessEqual, mul, pow, sub } from '../ops/binary.js';
import { reduceToShape } from '../ops/broadcast-to.js';
import { cast } from '../ops/cast.js';
import { scoped } from '../ops/scoped.js';
import { floor, log, neg, square } from '../ops/unary.js';
import { where } from '../ops/where.js';

/**
 * Each operand's gradient is computed at the output's (broadcast) shape, then summed over the
 * axes it was broadcast along. Comparisons, logical ops and floorDiv have no gradient.
 */
export const binaryGradient = defineGradient(
  'binary',
  ['binary', 'cast', 'reduce', 'select', 'unary'],
  (dy, { a, b }, { op }, y): GradResult<'binary'> => {
    const toA = (f: () => Tensor) => scoped(() => reduceToShape(f(), a.shape));
    const toB = (f: () => Tensor) => scoped(() => reduceToShape(f(), b.shape));
    switch (op) {
      case 'add':
        return { a: toA(() => dy), b: toB(() => dy) };
      case 'sub':
        return { a: toA(() => dy), b: toB(() => neg(dy)) };
      case 'mul':
        return { a: toA(() => mul(dy, b)), b: toB(() => mul(dy, a)) };
      case 'div':
        return { a: toA(() => div(dy, b)), b: toB(() => neg(div(mul(dy, a), square(b)))) };
      case 'pow':
        return {
          a: toA(() => mul(dy, mul(b, pow(a, sub(b, 1))))),
          // d(a^b)/db = a^b log(a), taken as 0 where a <= 0 (as TensorFlow).
          b: toB(() => mul(dy, mul(y, log(where(greater(a, 0), a, 1))))),
        };
      case 'minimum':
        return { a: toA(() => mul(dy, cast(lessEqual(a, b), 'float32'))), b: toB(() => mul(dy, cast(greater(a, b), 'float32'))) };
      case 'maximum':
        return { a: toA(() => mul(dy, cast(greaterEqual(a, b), 'float32'))), b: toB(() => mul(dy, cast(less(a, b), 'float32'))) };
      case 'squaredDifference':
        return { a: toA(() => mul(dy, mul(sub(a, b), 2))), b: toB(() => mul(dy, mul(sub(b, a), 2))) };
      case 'mod':
        return { a: toA(() => dy), b: toB(() => mul(dy, neg(floor(div(a, b))))) };
      default:
        return {};
    }
  },
);
