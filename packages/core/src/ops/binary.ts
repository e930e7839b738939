/** Elementwise arithmetic of two tensors with NumPy broadcasting: each op runs the `binary` kernel. */
import { ENGINE } from '../engine.js';
import { DTypeError } from '../errors.js';
import type { BinaryOp } from '../kernels/signatures.js';
import { broadcastShapes } from '../shape.js';
import { Tensor } from '../tensor.js';
import { convertPair, type TensorLike } from './convert.js';

const LOGICAL: ReadonlySet<BinaryOp> = new Set<BinaryOp>(['logicalAnd', 'logicalOr']);
const COMPARISON: ReadonlySet<BinaryOp> = new Set<BinaryOp>(['equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual']);

/** @internal Converts, checks dtypes and shapes with messages naming `op`, and runs the kernel. */
export function binaryOp(op: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  const run = (): Tensor => {
    const [$a, $b] = convertPair(a, b, op);
    if (LOGICAL.has(op)) {
      if ($a.dtype !== 'bool') throw new DTypeError(`${op}: a and b must be bool, got ${$a.dtype}`);
    } else if (!COMPARISON.has(op) && $a.dtype === 'bool') {
      throw new DTypeError(`${op}: a and b must be float32 or int32, got bool; cast them first with cast(x, 'int32')`);
    }
    broadcastShapes(op, $a.shape, $b.shape);
    return ENGINE.runKernel('binary', { a: $a, b: $b }, { op });
  };
  // JS operands become tensors that must not outlive the op.
  return a instanceof Tensor && b instanceof Tensor ? run() : ENGINE.tidy(run);
}

/** a + b */
export const add = (a: TensorLike, b: TensorLike): Tensor => binaryOp('add', a, b);
/** a - b */
export const sub = (a: TensorLike, b: TensorLike): Tensor => binaryOp('sub', a, b);
/** a * b */
export const mul = (a: TensorLike, b: TensorLike): Tensor => binaryOp('mul', a, b);
/** a / b; on int32 this floors, as TensorFlow.js does. */
export const div = (a: TensorLike, b: TensorLike): Tensor => binaryOp('div', a, b);
/** floor(a / b) */
export const floorDiv = (a: TensorLike, b: TensorLike): Tensor => binaryOp('floorDiv', a, b);
/** a - floor(a / b) * b: the result takes the divisor's sign, as Python and TensorFlow. */
export const mod = (a: TensorLike, b: TensorLike): Tensor => binaryOp('mod', a, b);
/** a ^ b */
export const pow = (base: TensorLike, exp: TensorLike): Tensor => binaryOp('pow', base, exp);
export const minimum = (a: TensorLike, b: TensorLike): Tensor => binaryOp('minimum', a, b);
export const maximum = (a: TensorLike, b: TensorLike): Tensor => binaryOp('maximum', a, b);
/** (a - b)^2 */
export const squaredDifference = (a: TensorLike, b: TensorLike): Tensor => binaryOp('squaredDifference', a, b);

/** a == b, as bool. */
export const equal = (a: TensorLike, b: TensorLike): Tensor => binaryOp('equal', a, b);
export const notEqual = (a: TensorLike, b: TensorLike): Tensor => binaryOp('notEqual', a, b);
export const less = (a: TensorLike, b: TensorLike): Tensor => binaryOp('less', a, b);
export const lessEqual = (a: TensorLike, b: TensorLike): Tensor => binaryOp('lessEqual', a, b);
export const greater = (a: TensorLike, b: TensorLike): Tensor => binaryOp('greater', a, b);
export const greaterEqual = (a: TensorLike, b: TensorLike): Tensor => binaryOp('greaterEqual', a, b);
/** Elementwise AND of bool tensors. */
export const logicalAnd = (a: TensorLike, b: TensorLike): Tensor => binaryOp('logicalAnd', a, b);
/** Elementwise OR of bool tensors. */
export const logicalOr = (a: TensorLike, b: TensorLike): Tensor => binaryOp('logicalOr', a, b);
