import { sizeFromShape, stridesOf, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { copyRun } from './util/permute.js';

export const pad: KernelFn<'pad', WasmBackend> = (backend, { x }, { paddings, constantValue }, out) => {
  const y = backend.allocData(sizeFromShape(out.shape), out.dtype);
  const dst = backend.view(y);
  dst.fill(out.dtype === 'bool' ? (constantValue !== 0 ? 1 : 0) : constantValue);
  const src = backend.values(x);
  const shape = x.shape;
  const size = sizeFromShape(shape);
  if (size === 0) return y;
  if (shape.length === 0) {
    dst[0] = src[0];
    return y;
  }
  // Copy each innermost row of x to its place in the output.
  const outStrides = stridesOf(out.shape);
  const inner = shape.length - 1;
  const len = shape[inner];
  let d0 = 0;
  for (let d = 0; d < shape.length; d++) d0 += paddings[d][0] * outStrides[d];
  const counter = new Array<number>(inner).fill(0);
  for (let s = 0; s < size; s += len) {
    copyRun(src, s, dst, d0, len);
    for (let d = inner - 1; d >= 0; d--) {
      d0 += outStrides[d];
      if (++counter[d] < shape[d]) break;
      d0 -= outStrides[d] * shape[d];
      counter[d] = 0;
    }
  }
  return y;
};
