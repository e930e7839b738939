import type { KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { runPool } from './util/pool.js';

/** Divides by the in-bounds cells of each window, as TensorFlow's 'same' padding does. */
export const avgPool: KernelFn<'avgPool', WasmBackend> = (backend, { x }, attrs, out) =>
  runPool(backend, 'avgPool', x.shape, out.shape, attrs, { x: backend.ptr(x), dy: 0 }, out.shape);
