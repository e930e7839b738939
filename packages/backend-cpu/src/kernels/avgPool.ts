import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { forEachWindow, poolGeometry } from './util/pool.js';

/** Divides by the in-bounds cells of each window, as TensorFlow's 'same' padding does. */
export const avgPool: KernelFn<'avgPool', CpuBackend> = (backend, { x }, attrs, out) => {
  const g = poolGeometry(x.shape, out.shape, attrs);
  const xv = backend.floats(x);
  const y = new Float32Array(sizeFromShape(out.shape));
  const c = g.c;
  const acc = new Float64Array(c);
  forEachWindow(g, (o, cells, count) => {
    acc.fill(0);
    for (let k = 0; k < count; k++) {
      const s = cells[k];
      for (let ch = 0; ch < c; ch++) acc[ch] += xv[s + ch];
    }
    for (let ch = 0; ch < c; ch++) y[o + ch] = acc[ch] / count;
  });
  return backend.store(y, 'float32');
};
