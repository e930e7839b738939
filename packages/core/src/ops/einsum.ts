import { ENGINE } from '../engine.js';
import { ShapeError } from '../errors.js';
import { formatShape, sizeFromShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { parseEinsum } from './einsum-util.js';
import { matMul } from './matMul.js';
import { sum } from './reduce.js';
import { transpose } from './transpose.js';

/**
 * Tensor contraction in Einstein notation, as TensorFlow.js's einsum and with its limits: one
 * or two operands, an explicit output after "->", no ellipsis, no label twice in one operand.
 * Labels only in one operand and not in the output are summed out first; then both operands are
 * transposed to [batch, free, contracted] / [batch, contracted, free] and multiplied with one
 * batched matMul, and the result is transposed to the output's label order.
 */
export function einsum(equation: string, ...tensors: TensorLike[]): Tensor {
  return ENGINE.tidy(() => {
    const spec = parseEinsum(equation, tensors.length);
    const xs = tensors.map((t, i) => convertToTensor(t, `tensors[${i}]`, 'einsum'));
    const sizes = new Map<string, number>();
    xs.forEach((x, i) => {
      const labels = spec.inputs[i];
      if (x.rank !== labels.length) {
        throw new ShapeError(`einsum: operand ${i} ('${labels.join('')}') needs rank ${labels.length}, got shape ${formatShape(x.shape)}`);
      }
      labels.forEach((c, j) => {
        const known = sizes.get(c);
        if (known !== undefined && known !== x.shape[j]) {
          throw new ShapeError(
            `einsum: label '${c}' has size ${known} elsewhere but ${x.shape[j]} on axis ${j} of operand ${i} ${formatShape(x.shape)}`,
          );
        }
        sizes.set(c, x.shape[j]);
      });
    });
    const out = spec.output;
    const size = (labels: readonly string[]): number => sizeFromShape(labels.map((c) => sizes.get(c) ?? 1));
    // Sum out what appears in one operand only and not in the output.
    const reduced = xs.map((x, i) => {
      const labels = spec.inputs[i];
      const other = spec.inputs[1 - i] ?? [];
      const drop = labels.map((c, j) => (!out.includes(c) && !other.includes(c) ? j : -1)).filter((j) => j >= 0);
      const kept = labels.filter((_, j) => !drop.includes(j));
      return { t: drop.length > 0 ? sum(x, drop) : x, labels: kept };
    });
    const order = (t: Tensor, from: readonly string[], to: readonly string[]): Tensor =>
      transpose(
        t,
        to.map((c) => from.indexOf(c)),
      );
    if (reduced.length === 1) {
      const [{ t, labels }] = reduced;
      return order(t, labels, out);
    }
    const [a, b] = reduced;
    const batch = a.labels.filter((c) => b.labels.includes(c) && out.includes(c));
    const contracted = a.labels.filter((c) => b.labels.includes(c) && !out.includes(c));
    const freeA = a.labels.filter((c) => !b.labels.includes(c));
    const freeB = b.labels.filter((c) => !a.labels.includes(c));
    const a3 = ENGINE.reshape(order(a.t, a.labels, [...batch, ...freeA, ...contracted]), [size(batch), size(freeA), size(contracted)]);
    const b3 = ENGINE.reshape(order(b.t, b.labels, [...batch, ...contracted, ...freeB]), [size(batch), size(contracted), size(freeB)]);
    const product = matMul(a3, b3);
    const labels = [...batch, ...freeA, ...freeB];
    return order(
      ENGINE.reshape(
        product,
        labels.map((c) => sizes.get(c) ?? 1),
      ),
      labels,
      out,
    );
  });
}
