import type { KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { chunkRows, convGeometry, convParams, lineAlign, minUnits, packedBytes } from './util/conv.js';

/**
 * dx = col2im(dy * filter^T), chunk by chunk. (Adding each GEMM tile straight onto dx was
 * measured slower: neighbouring pixels' patches overlap, and the read-modify-writes stall.)
 * Units are whole images: col2im scatters into the pixels of one image only, so threads never
 * write the same element.
 */
export const conv2dBackpropInput: KernelFn<'conv2dBackpropInput', WasmBackend> = (backend, { dy, filter }, attrs, out) => {
  const g = convGeometry(attrs.inputShape, filter.shape, dy.shape, attrs);
  const dx = backend.allocData(g.n * g.h * g.w * g.ci, 'float32');
  if (g.n * g.h * g.w * g.ci === 0) return dx;
  const chunk = chunkRows(g);
  const stride = lineAlign(packedBytes(g.co, g.kk) + chunk * g.kk * 4);
  const shares = backend.shares(g.n, minUnits(2 * g.oh * g.ow * g.kk * g.co));
  const scratch = backend.alloc(stride * shares);
  // Slot roles here: x = dx (written), f = filter, y = dy.
  const p = convParams(backend, g, { x: dx.ptr, f: backend.ptr(filter), y: backend.ptr(dy), scratch, scratchStride: stride, chunk });
  backend.runShares('conv2dBackpropInput', p, g.n, shares);
  backend.release(scratch, stride * shares);
  return dx;
};
