import { shapesEqual, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { broadcastIndexMap } from './util/broadcast.js';

export const select: KernelFn<'select', WasmBackend> = (backend, { condition, a, b }, _attrs, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.allocData(size, out.dtype);
  const c = backend.values(condition);
  const av = backend.values(a);
  const bv = backend.values(b);
  const dst = backend.view(y);
  const same = (s: readonly number[]): boolean => shapesEqual(s, out.shape);
  if (same(condition.shape) && same(a.shape) && same(b.shape)) {
    for (let i = 0; i < size; i++) dst[i] = c[i] !== 0 ? av[i] : bv[i];
  } else {
    const ci = broadcastIndexMap(condition.shape, out.shape);
    const ai = broadcastIndexMap(a.shape, out.shape);
    const bi = broadcastIndexMap(b.shape, out.shape);
    for (let i = 0; i < size; i++) dst[i] = c[ci[i]] !== 0 ? av[ai[i]] : bv[bi[i]];
  }
  return y;
};
