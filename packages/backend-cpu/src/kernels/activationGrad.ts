import type { KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

const f = Math.fround;

/**
 * dy * f'(x) from y = f(x), one loop per activation. Intermediates are rounded to float32 as
 * core's decomposition (and the wasm kernel) round them, so every path gives the same bits.
 * Masks multiply rather than select, so dy = NaN or ±Inf propagates as the decomposition does.
 */
export const activationGrad: KernelFn<'activationGrad', CpuBackend> = (backend, { dy, y }, { activation }) => {
  const g = backend.floats(dy);
  const v = backend.floats(y);
  const n = g.length;
  const out = new Float32Array(n);
  switch (activation) {
    case 'linear':
      out.set(g);
      break;
    case 'relu':
      for (let i = 0; i < n; i++) out[i] = g[i] * (v[i] > 0 ? 1 : 0);
      break;
    case 'relu6':
      for (let i = 0; i < n; i++) out[i] = g[i] * (v[i] > 0 && v[i] < 6 ? 1 : 0);
      break;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = g[i] * f(1 - f(v[i] * v[i]));
      break;
    case 'sigmoid':
      for (let i = 0; i < n; i++) out[i] = g[i] * f(v[i] * f(1 - v[i]));
      break;
    case 'elu':
      for (let i = 0; i < n; i++) out[i] = g[i] * (v[i] > 0 ? 1 : f(v[i] + 1));
      break;
  }
  return backend.store(out, 'float32');
};
