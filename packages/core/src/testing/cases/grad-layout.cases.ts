/** Gradient checks of the layout kernels and of reshape (metadata in core): transpose, slice,
 *  concat, pad, gather (repeated indices accumulate), where, and cast-free reshape chains. */
import { concat, gather, mul, pad, reshape, slice, transpose, where } from '../../ops/index.js';
import type { CaseDef } from '../harness.js';
import { nd } from '../reference/nd.js';
import { gradCase } from './grad-util.js';

export const gradLayoutCases: CaseDef[] = [
  gradCase('gradients', 'transpose [2,3,4] perm [2,0,1]', {
    inputs: (rng) => [rng.floats([2, 3, 4])],
    f: ([x]) => transpose(x, [2, 0, 1]),
  }),
  gradCase('gradients', 'slice [4,5] begin [1,1] size [2,3]', {
    inputs: (rng) => [rng.floats([4, 5])],
    f: ([x]) => slice(x, [1, 1], [2, 3]),
  }),
  gradCase('gradients', 'concat axis 1', { inputs: (rng) => [rng.floats([2, 3]), rng.floats([2, 2])], f: ([a, b]) => concat([a, b], 1) }),
  gradCase('gradients', 'concat axis 0, three inputs', {
    inputs: (rng) => [rng.floats([1, 3]), rng.floats([2, 3]), rng.floats([1, 3])],
    f: ([a, b, c]) => concat([a, b, c], 0),
  }),
  gradCase('gradients', 'pad [2,3]', {
    inputs: (rng) => [rng.floats([2, 3])],
    f: ([x]) =>
      pad(
        x,
        [
          [1, 0],
          [2, 1],
        ],
        0.5,
      ),
  }),
  gradCase('gradients', 'gather axis 0, repeated indices', {
    inputs: (rng) => [rng.floats([5, 3])],
    constants: () => [[nd([6], [4, 0, 4, 2, 4, 1]), 'int32']],
    f: ([x], [indices]) => gather(x, indices, 0),
  }),
  gradCase('gradients', 'gather axis 1, 2-D indices', {
    inputs: (rng) => [rng.floats([2, 4, 3])],
    constants: () => [[nd([2, 2], [3, 1, 1, 0]), 'int32']],
    f: ([x], [indices]) => gather(x, indices, 1),
  }),
  gradCase('gradients', 'where with broadcasting', {
    inputs: (rng) => [rng.floats([2, 3]), rng.floats([3])],
    constants: (rng) => [[rng.bools([2, 3]), 'bool']],
    f: ([a, b], [condition]) => where(condition, a, b),
  }),
  gradCase('gradients', 'reshape chain', {
    inputs: (rng) => [rng.floats([2, 6]), rng.floats([3, 4])],
    f: ([a, b]) => reshape(mul(reshape(a, [3, 4]), b), [12]),
  }),
];
