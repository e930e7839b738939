import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { forEachWindow, poolGeometry } from './util/pool.js';

export const maxPool: KernelFn<'maxPool', CpuBackend> = (backend, { x }, attrs, out) => {
  const g = poolGeometry(x.shape, out.shape, attrs);
  const xv = backend.floats(x);
  const y = new Float32Array(sizeFromShape(out.shape)).fill(-Infinity);
  const c = g.c;
  forEachWindow(g, (o, cells, count) => {
    for (let k = 0; k < count; k++) {
      const s = cells[k];
      for (let ch = 0; ch < c; ch++) {
        const v = xv[s + ch];
        if (v > y[o + ch]) y[o + ch] = v;
      }
    }
  });
  return backend.store(y, 'float32');
};
