import { backendUtil, sizeFromShape, type KernelFn } from '@tensile/core';
import { fillBits, type WasmBackend } from '../backend.js';
import { PAD_PARAMS } from '../param-layouts.js';
import { MIN_PAD_ROWS_PER_THREAD } from './util/split.js';

/**
 * float32 and int32: assembly/pad.ts copies each row of x (its trailing unpadded dimensions
 * joined) with memory.copy, bit for bit, and fills the padding around it. A JS loop over short
 * rows (one-channel images) cost several times the memory traffic. bool, and shapes with more
 * than three dimensions outside the joined row, take core's loop.
 */
export const pad: KernelFn<'pad', WasmBackend> = (backend, { x }, { paddings, constantValue }, out) => {
  const y = backend.allocData(sizeFromShape(out.shape), out.dtype);
  const size = sizeFromShape(x.shape);
  const rows = size === 0 || x.shape.length === 0 ? undefined : backendUtil.padRows(x.shape, paddings, out.shape);
  if (out.dtype === 'bool' || rows === undefined || rows.inner > 3) {
    backendUtil.padInto(backend.values(x), x.shape, paddings, constantValue, backend.view(y), out.shape, out.dtype);
    return y;
  }
  const { inner, len, start, outStrides: strides } = rows;
  // The outer dimensions x.shape[0..inner), right-aligned into three.
  const outer = [1, 1, 1];
  const os = [0, 0, 0];
  for (let k = 0; k < inner; k++) {
    outer[3 - inner + k] = x.shape[k];
    os[3 - inner + k] = strides[k];
  }
  const p = backend.params(PAD_PARAMS, {
    n0: outer[0],
    n1: outer[1],
    n2: outer[2],
    os0: os[0],
    os1: os[1],
    os2: os[2],
    len,
    start,
    src: backend.ptr(x),
    dst: y.ptr,
    size: y.size,
    value: fillBits(constantValue, out.dtype),
  });
  backend.run('padRows', p, outer[0] * outer[1], Math.ceil(MIN_PAD_ROWS_PER_THREAD / Math.max(1, outer[2])));
  return y;
};
