import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { forEachWindow, poolGeometry } from './util/pool.js';

export const avgPoolGrad: KernelFn<'avgPoolGrad', CpuBackend> = (backend, { dy, x }, attrs, out) => {
  const g = poolGeometry(x.shape, dy.shape, attrs);
  const dyv = backend.floats(dy);
  const dx = new Float32Array(sizeFromShape(out.shape));
  const c = g.c;
  forEachWindow(g, (o, cells, count) => {
    for (let k = 0; k < count; k++) {
      const s = cells[k];
      for (let ch = 0; ch < c; ch++) dx[s + ch] += dyv[o + ch] / count;
    }
  });
  return backend.store(dx, 'float32');
};
