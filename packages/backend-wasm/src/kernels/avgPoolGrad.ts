import type { KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { runPool } from './util/pool.js';

export const avgPoolGrad: KernelFn<'avgPoolGrad', WasmBackend> = (backend, { dy, x }, attrs, out) =>
  runPool(backend, 'avgPoolGrad', x.shape, dy.shape, attrs, { x: 0, dy: backend.ptr(dy) }, out.shape);
