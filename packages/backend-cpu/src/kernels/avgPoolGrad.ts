import { sizeFromShape, type KernelFn, type Pool2dAttrs, type Shape, type TensorInfo } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { forEachWindow, poolGeometry } from './util/pool.js';

export const avgPoolGrad: KernelFn<'avgPoolGrad', CpuBackend> = (backend, { dy, x }, attrs) =>
  backend.store(avgPoolGradValues(backend, dy, x.shape, attrs), 'float32');

/** dy / count to each in-bounds cell of its window, over an input of shape `xShape`. */
export function avgPoolGradValues(backend: CpuBackend, dy: TensorInfo, xShape: Shape, attrs: Pool2dAttrs): Float32Array {
  const g = poolGeometry(xShape, dy.shape, attrs);
  const dyv = backend.floats(dy);
  const dx = new Float32Array(sizeFromShape(xShape));
  const c = g.c;
  forEachWindow(g, (o, cells, count) => {
    for (let k = 0; k < count; k++) {
      const s = cells[k];
      for (let ch = 0; ch < c; ch++) dx[s + ch] += dyv[o + ch] / count;
    }
  });
  return dx;
}
