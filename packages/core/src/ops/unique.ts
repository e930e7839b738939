import type { BackendValues } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { ShapeError, TensileError } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';

/**
 * The distinct slices of `x` along `axis`, in order of first appearance, and for each slice of x
 * the index (int32) of its value in them (`tf.unique`). The output's size depends on the data, so
 * x's values are read to the host: synchronously, which only backends with synchronous reads
 * allow (cpu, wasm, cuda); on webgpu and webgl use `uniqueAsync`. The values tensor is gathered
 * from x on its own backend. NaN equals NaN here (one entry for all NaNs).
 */
export function unique(x: TensorLike, axis = 0): { values: Tensor; indices: Tensor } {
  const $x = convertToTensor(x, 'x', 'unique');
  try {
    check($x, axis);
    if (!$x.handle.backend.capabilities.syncRead) {
      throw new TensileError(
        `unique: the '${$x.handle.backendName}' backend cannot read synchronously, and unique must read x to size its output; use \`await uniqueAsync(x, axis)\``,
      );
    }
    return fromValues($x, axis, $x.dataSync());
  } finally {
    if ($x !== x) $x.dispose();
  }
}

/** `unique` for every backend: reads x's values asynchronously. */
export async function uniqueAsync(x: TensorLike, axis = 0): Promise<{ values: Tensor; indices: Tensor }> {
  const $x = convertToTensor(x, 'x', 'unique');
  try {
    check($x, axis);
    return fromValues($x, axis, await $x.data());
  } finally {
    if ($x !== x) $x.dispose();
  }
}

function check(x: Tensor, axis: number): void {
  if (x.rank === 0) throw new ShapeError('unique: x must have at least one dimension, got a scalar');
  normalizeAxis('unique', axis, x.rank);
}

function fromValues(x: Tensor, axis: number, data: BackendValues): { values: Tensor; indices: Tensor } {
  const ax = normalizeAxis('unique', axis, x.rank);
  const n = x.shape[ax];
  const inner = x.shape.slice(ax + 1).reduce((p, d) => p * d, 1);
  const outer = x.size / Math.max(n * inner, 1);
  const seen = new Map<string, number>();
  const first: number[] = [];
  const indices = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const parts: number[] = [];
    for (let o = 0; o < outer; o++) for (let j = 0; j < inner; j++) parts.push(data[(o * n + i) * inner + j]);
    const key = parts.join(',');
    let u = seen.get(key);
    if (u === undefined) {
      u = first.length;
      seen.set(key, u);
      first.push(i);
    }
    indices[i] = u;
  }
  return ENGINE.tidy(() => {
    const at = ENGINE.makeTensor(Int32Array.from(first), [first.length], 'int32', 'unique');
    return {
      values: ENGINE.runKernel('gather', { x, indices: at }, { axis: ax }),
      indices: ENGINE.makeTensor(indices, [n], 'int32', 'unique'),
    };
  });
}
