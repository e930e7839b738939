import type { FusedActivation, KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

const f = Math.fround;

/** out[0..n) = g * f'(x), written with v = f(x); out may be g itself. */
type DerivativeLoop = (g: Float32Array, v: Float32Array, out: Float32Array, n: number) => void;

/**
 * One loop per activation. Intermediates are rounded to float32 as core's decomposition (and the
 * wasm kernel) round them, so every path gives the same bits. Masks multiply rather than select,
 * so dy = NaN or ±Inf propagates as the decomposition does.
 */
export const DERIVATIVES: Readonly<Record<FusedActivation, DerivativeLoop>> = {
  linear: (g, _v, out) => out.set(g),
  relu: (g, v, out, n) => {
    for (let i = 0; i < n; i++) out[i] = g[i] * (v[i] > 0 ? 1 : 0);
  },
  relu6: (g, v, out, n) => {
    for (let i = 0; i < n; i++) out[i] = g[i] * (v[i] > 0 && v[i] < 6 ? 1 : 0);
  },
  tanh: (g, v, out, n) => {
    for (let i = 0; i < n; i++) out[i] = g[i] * f(1 - f(v[i] * v[i]));
  },
  sigmoid: (g, v, out, n) => {
    for (let i = 0; i < n; i++) out[i] = g[i] * f(v[i] * f(1 - v[i]));
  },
  elu: (g, v, out, n) => {
    for (let i = 0; i < n; i++) out[i] = g[i] * (v[i] > 0 ? 1 : f(v[i] + 1));
  },
};

/** dy * f'(x) from y = f(x). */
export const activationGrad: KernelFn<'activationGrad', CpuBackend> = (backend, { dy, y }, { activation }) => {
  const g = backend.floats(dy);
  const out = new Float32Array(g.length);
  DERIVATIVES[activation](g, backend.floats(y), out, g.length);
  return backend.store(out, 'float32');
};
