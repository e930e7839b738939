import type { KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { runPool } from './util/pool.js';

/** Each dy goes to the first maximum of its window in row-major order. */
export const maxPoolGrad: KernelFn<'maxPoolGrad', WasmBackend> = (backend, { dy, x }, attrs, out) =>
  runPool(backend, 'maxPoolGrad', x.shape, dy.shape, attrs, { x: backend.ptr(x), dy: backend.ptr(dy) }, out.shape);
