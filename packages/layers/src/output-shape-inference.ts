/**
 * The output shape of a layer whose class does not define `computeOutputShape`, found as Keras 3's
 * JAX backend finds it: `call` runs on zeros of the input shape twice, with different sizes for the
 * unknown dimensions, and an output dimension that differs between the two runs is unknown (null).
 * Keras probes with 83 and 89; the batch dimension is probed here with 2 and 3 samples instead, since
 * our backends run the probes eagerly (other unknown dimensions keep Keras' sizes, so convolutions
 * and pooling over them have room). Assuming the input shape instead would be wrong for any layer
 * that is not elementwise, and the error would surface later, naming another layer.
 */
import { ShapeError, Tensor, tidy, zeros, type DType } from '@tensile/core';
import { isShapeList, type Layer } from './layer.js';
import type { SymbolicShape } from './symbolic-tensor.js';

const BATCH_PROBES = [2, 3] as const;
const OTHER_PROBES = [83, 89] as const;

/**
 * Runs `layer.call` (inference mode, inside a `tidy`) on zeros of `inputShape` and returns the
 * output's shape; `dtypes` are the inputs' (default: the layer's dtype). A call that fails, or
 * returns something other than one tensor, throws a ShapeError naming the layer.
 */
export function inferOutputShape(layer: Layer, inputShape: SymbolicShape | SymbolicShape[], dtypes: readonly DType[] = []): SymbolicShape {
  const first = probe(layer, inputShape, dtypes, 0);
  const second = probe(layer, inputShape, dtypes, 1);
  if (first.length !== second.length) {
    throw new ShapeError(
      `${describeLayer(layer)}: its output rank depends on the input's unknown dimensions (${first.length} vs ${second.length}); define computeOutputShape(inputShape) in the layer class`,
    );
  }
  return first.map((d, i) => (d === second[i] ? d : null));
}

function probe(layer: Layer, inputShape: SymbolicShape | SymbolicShape[], dtypes: readonly DType[], which: 0 | 1): number[] {
  const many = isShapeList(inputShape);
  const shapes = (many ? inputShape : [inputShape]).map((s) =>
    s.map((d, axis) => d ?? (axis === 0 ? BATCH_PROBES[which] : OTHER_PROBES[which])),
  );
  // The shape, or what call returned instead of a tensor.
  let out: number[] | string;
  try {
    out = tidy(() => {
      const xs = shapes.map((s, i) => zeros(s, dtypes[i] ?? layer.dtype));
      const y: unknown = layer.call(many ? xs : xs[0], { training: false });
      return y instanceof Tensor ? [...y.shape] : Array.isArray(y) ? `a list of ${y.length}` : y === null ? 'null' : typeof y;
    });
  } catch (err) {
    const shown = shapes.map((s) => `[${s.join(', ')}]`).join(' and ');
    const reason = err instanceof Error ? err.message : String(err);
    throw new ShapeError(
      `${describeLayer(layer)}: the class does not define computeOutputShape, and running call on zeros of shape ${shown} to infer it failed: ${reason}; define computeOutputShape(inputShape) in the layer class, or fix call for these inputs`,
    );
  }
  if (typeof out === 'string') throw new ShapeError(`${describeLayer(layer)}: call must return one Tensor, got ${out}`);
  return out;
}

function describeLayer(layer: Layer): string {
  return `${layer.name} (${layer.className})`;
}
