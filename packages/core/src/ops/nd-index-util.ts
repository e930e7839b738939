/**
 * @internal What gatherND and scatterND share: turning [N, K] coordinates into flat indices
 * over the first K axes of a shape, with out-of-range coordinates caught on the host where the
 * values can be read synchronously, and mapped to -1 everywhere else.
 */
import { ArgumentError } from '../errors.js';
import { formatShape, stridesOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { greaterEqual, less, logicalOr, mul } from './binary.js';
import { cast } from './cast.js';
import { tensor } from './creation.js';
import { fill } from './fill.js';
import { max, sum } from './reduce.js';
import { where } from './where.js';

/**
 * Flat int32 indices [N] of `coords` [N, K] into `dims` (the first K dimensions). Where the
 * backend reads synchronously (cpu, wasm, cuda) an out-of-range coordinate throws here, naming
 * `op`; on webgpu and webgl that would need a readback, so such a row becomes -1 (gather and
 * oneHot then give zeros). Creates tensors: call inside a tidy.
 */
export function flatIndices(op: string, coords: Tensor, dims: readonly number[]): Tensor {
  const [n, k] = coords.shape;
  const backend = coords.handle.backend;
  if (backend.capabilities.syncRead && backend.readSync) {
    const v = coords.dataSync();
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        const c = v[i * k + j];
        if (c < 0 || c >= dims[j]) {
          throw new ArgumentError(
            `${op}: index [${Array.from(v.slice(i * k, i * k + k)).join(', ')}] (row ${i} of indices) is out of range for ${formatShape(dims)}: coordinate ${j} must be in [0, ${dims[j]})`,
          );
        }
      }
    }
  }
  const strides = tensor(Int32Array.from(stridesOf(dims)), [k], 'int32');
  const flat = sum(mul(coords, strides), 1);
  const bounds = tensor(Int32Array.from(dims), [k], 'int32');
  const bad = max(cast(logicalOr(less(coords, 0), greaterEqual(coords, bounds)), 'int32'), 1);
  return where(cast(bad, 'bool'), fill([n], -1, 'int32'), flat);
}
