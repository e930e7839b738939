import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { forEachWindow, poolGeometry } from './util/pool.js';

/** Each dy goes to the first maximum of its window in row-major order (strict `>` keeps the first). */
export const maxPoolGrad: KernelFn<'maxPoolGrad', CpuBackend> = (backend, { dy, x }, attrs, out) => {
  const g = poolGeometry(x.shape, dy.shape, attrs);
  const xv = backend.floats(x);
  const dyv = backend.floats(dy);
  const dx = new Float32Array(sizeFromShape(out.shape));
  const c = g.c;
  const best = new Float32Array(c);
  const where = new Int32Array(c);
  forEachWindow(g, (o, cells, count) => {
    if (count === 0) return;
    const s0 = cells[0];
    for (let ch = 0; ch < c; ch++) {
      best[ch] = xv[s0 + ch];
      where[ch] = s0 + ch;
    }
    for (let k = 1; k < count; k++) {
      const s = cells[k];
      for (let ch = 0; ch < c; ch++) {
        const v = xv[s + ch];
        if (v > best[ch]) {
          best[ch] = v;
          where[ch] = s + ch;
        }
      }
    }
    for (let ch = 0; ch < c; ch++) dx[where[ch]] += dyv[o + ch];
  });
  return backend.store(dx, 'float32');
};
