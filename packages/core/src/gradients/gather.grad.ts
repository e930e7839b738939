import { defineGradient } from './define.js';
import { ENGINE } from '../engine.js';
import { sizeFromShape } from '../shape.js';
import { zeros } from '../ops/fill.js';
import { scoped } from '../ops/scoped.js';

/**
 * There is no scatter kernel, so the gradient is a product with a one-hot matrix: with x viewed
 * as [outer, N, inner] and dy as [outer, M, inner] (M indices), dx = oneHot(indices, N)^T · dy,
 * which also sums the contributions of repeated indices.
 */
export const gatherGradient = defineGradient('gather', ['matMul', 'oneHot'], (dy, { x, indices }, { axis }) => ({
  x: scoped(() => {
    const outer = sizeFromShape(x.shape.slice(0, axis));
    const n = x.shape[axis];
    const inner = sizeFromShape(x.shape.slice(axis + 1));
    const m = indices.size;
    if (x.size === 0 || m === 0) return zeros(x.shape);
    const flat = ENGINE.reshape(indices, [m]);
    const hot = ENGINE.runKernel('oneHot', { indices: flat }, { depth: n, onValue: 1, offValue: 0, dtype: 'float32' });
    const dx = ENGINE.runKernel(
      'matMul',
      { a: ENGINE.reshape(hot, [1, m, n]), b: ENGINE.reshape(dy, [outer, m, inner]) },
      { transposeA: true, transposeB: false },
    );
    return ENGINE.reshape(dx, x.shape);
  }),
}));
