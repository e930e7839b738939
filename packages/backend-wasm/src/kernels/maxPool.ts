import type { KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { runPool } from './util/pool.js';

export const maxPool: KernelFn<'maxPool', WasmBackend> = (backend, { x }, attrs, out) =>
  runPool(backend, 'maxPool', x.shape, out.shape, attrs, { x: backend.ptr(x), dy: 0 }, out.shape);
