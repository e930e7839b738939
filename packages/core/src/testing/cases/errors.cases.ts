/** Bad shapes, dtypes and arguments raise the named TensileError subclass, the message names the
 *  op, and nothing is left allocated (the leak check runs after each case). */
import { ArgumentError, DTypeError, ShapeError } from '../../errors.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor.js';
import { expectThrows, toTensor, type CaseDef } from '../harness.js';
import { nd } from '../reference/nd.js';

type ErrorClass = typeof ShapeError | typeof DTypeError | typeof ArgumentError;

/** [name, error class, op named in the message, the call]; `t` makes inputs by shape and dtype. */
type ErrorSpec = readonly [string, ErrorClass, string, (t: (shape: number[], dtype?: 'float32' | 'int32' | 'bool') => Tensor) => unknown];

const SPECS: readonly ErrorSpec[] = [
  ['matMul inner dimensions differ', ShapeError, 'matMul', (t) => ops.matMul(t([2, 3]), t([4, 5]))],
  ['matMul transposed inner dimensions differ', ShapeError, 'matMul', (t) => ops.matMul(t([2, 3]), t([3, 4]), false, true)],
  ['conv2d rank 3 filter', ShapeError, 'conv2d', (t) => ops.conv2d(t([1, 5, 5, 1]), t([3, 3, 1]), 1, 'valid')],
  ['conv2d channel mismatch', ShapeError, 'conv2d', (t) => ops.conv2d(t([1, 5, 5, 2]), t([3, 3, 3, 1]), 1, 'valid')],
  ['maxPool rank 2 input', ShapeError, 'maxPool', (t) => ops.maxPool(t([5, 5]), 2, 2, 'valid')],
  ['concat shapes differ off the axis', ShapeError, 'concat', (t) => ops.concat([t([2, 3]), t([3, 3])], 1)],
  ['add shapes do not broadcast', ShapeError, 'add', (t) => ops.add(t([3]), t([4]))],
  ['reshape to a different size', ShapeError, 'reshape', (t) => ops.reshape(t([2, 3]), [4, 2])],
  ['slice out of bounds', ShapeError, 'slice', (t) => ops.slice(t([3, 4]), [1, 2], [3, 1])],
  ['add float32 and int32 tensors', DTypeError, 'add', (t) => ops.add(t([3]), t([3], 'int32'))],
  ['gather float32 indices', DTypeError, 'gather', (t) => ops.gather(t([4, 2]), t([3]))],
  ['oneHot float32 indices', DTypeError, 'oneHot', (t) => ops.oneHot(t([3]), 4)],
  ['where with a float32 condition', DTypeError, 'where', (t) => ops.where(t([3]), t([3]), t([3]))],
  ['logicalAnd on float32', DTypeError, 'logicalAnd', (t) => ops.logicalAnd(t([3]), t([3]))],
  ['exp on int32', DTypeError, 'exp', (t) => ops.exp(t([3], 'int32'))],
  ['conv2d on int32', DTypeError, 'conv2d', (t) => ops.conv2d(t([1, 3, 3, 1], 'int32'), t([1, 1, 1, 1], 'int32'), 1, 'valid')],
  ['sum over axis 2 of a matrix', ArgumentError, 'sum', (t) => ops.sum(t([2, 3]), 2)],
  ['mean over axis -3 of a matrix', ArgumentError, 'mean', (t) => ops.mean(t([2, 3]), -3)],
  ['argMax over axis 1 of a vector', ArgumentError, 'argMax', (t) => ops.argMax(t([4]), 1)],
  ['concat along axis 2 of matrices', ArgumentError, 'concat', (t) => ops.concat([t([2, 3]), t([2, 3])], 2)],
  ['softmax along axis 2 of a matrix', ArgumentError, 'softmax', (t) => ops.softmax(t([2, 3]), 2)],
  ['gather along axis 3 of a matrix', ArgumentError, 'gather', (t) => ops.gather(t([2, 3]), t([1], 'int32'), 3)],
  ['transpose with a bad permutation', ArgumentError, 'transpose', (t) => ops.transpose(t([2, 3]), [0, 0])],
];

export const errorsCases: CaseDef[] = SPECS.map(([name, cls, op, call]) => ({
  group: 'errors',
  name,
  run: async () => {
    const made: Tensor[] = [];
    const t = (shape: number[], dtype: 'float32' | 'int32' | 'bool' = 'float32'): Tensor => {
      const x = toTensor(nd(shape), dtype);
      made.push(x);
      return x;
    };
    try {
      expectThrows(name, () => call(t), cls, op);
    } finally {
      for (const x of made) x.dispose();
    }
  },
}));
