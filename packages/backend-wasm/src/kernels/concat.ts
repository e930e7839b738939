import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { copyRun } from './util/permute.js';

/** Each input contributes one contiguous block per index of the dimensions before `axis`. */
export const concat: KernelFn<'concat', WasmBackend> = (backend, { xs }, { axis }, out) => {
  const total = sizeFromShape(out.shape);
  const y = backend.allocData(total, out.dtype);
  const dst = backend.view(y);
  const outer = sizeFromShape(out.shape.slice(0, axis));
  const row = outer === 0 ? 0 : total / outer;
  let offset = 0;
  for (const t of xs) {
    const src = backend.values(t);
    const block = sizeFromShape(t.shape.slice(axis));
    for (let o = 0; o < outer; o++) copyRun(src, o * block, dst, o * row + offset, block);
    offset += block;
  }
  return y;
};
