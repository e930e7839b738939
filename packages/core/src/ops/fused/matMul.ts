import { ENGINE } from '../../engine.js';
import { DTypeError, ShapeError } from '../../errors.js';
import type { FusedActivation } from '../../kernels/signatures.js';
import { broadcastShapes, formatShape, shapesEqual } from '../../shape.js';
import type { Tensor } from '../../tensor.js';
import { binaryOp } from '../binary.js';
import { convertPair, convertToTensor, type TensorLike } from '../convert.js';
import { toBatched } from '../matMul.js';
import { applyActivation, checkActivation } from './activation.js';

export interface FusedMatMulConfig {
  a: TensorLike;
  b: TensorLike;
  transposeA?: boolean;
  transposeB?: boolean;
  /** Added to the product; shape [outCols] runs fused, other broadcastable shapes run unfused. */
  bias?: TensorLike;
  activation?: FusedActivation;
}

/**
 * activation(matMul(a, b) + bias) in one kernel where the backend has `fusedMatMul` (the engine
 * composes it from required kernels otherwise). Same shapes and broadcasting as `matMul`.
 */
export function matMul({ a, b, transposeA = false, transposeB = false, bias, activation = 'linear' }: FusedMatMulConfig): Tensor {
  const op = 'fused.matMul';
  const act = checkActivation(op, activation);
  return ENGINE.tidy(() => {
    const [$a, $b] = convertPair(a, b, op);
    if ($a.dtype !== 'float32') throw new DTypeError(`${op}: a and b must be float32, got ${$a.dtype}`);
    const { a3, b3, outShape } = toBatched(op, $a, $b, transposeA, transposeB);
    const n = outShape[outShape.length - 1];
    const $bias = bias === undefined ? undefined : convertToTensor(bias, 'bias', op, 'float32');
    if ($bias !== undefined) {
      if ($bias.dtype !== 'float32') throw new DTypeError(`${op}: bias must be float32, got ${$bias.dtype}`);
      const joint = broadcastShapes(op, $bias.shape, outShape);
      if (!shapesEqual(joint, outShape)) {
        throw new ShapeError(`${op}: bias ${formatShape($bias.shape)} must broadcast to the product's shape ${formatShape(outShape)}`);
      }
    }
    if ($bias === undefined || ($bias.rank === 1 && $bias.shape[0] === n)) {
      const y = ENGINE.runKernel('fusedMatMul', { a: a3, b: b3, bias: $bias }, { transposeA, transposeB, activation: act });
      return ENGINE.reshape(y, outShape);
    }
    const product = ENGINE.reshape(ENGINE.runKernel('matMul', { a: a3, b: b3 }, { transposeA, transposeB }), outShape);
    return applyActivation(binaryOp('add', product, $bias), act);
  });
}
