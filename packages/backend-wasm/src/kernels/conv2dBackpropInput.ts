import type { KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { chunkRows, convGeometry, convParams, lineAlign, minUnits, packedBytes } from './util/conv.js';
import { MIN_ELEMENTS_PER_THREAD } from './util/split.js';

/**
 * dx = col2im(dy * filter^T). Unpadded convolutions with dilation 1 along the width add each
 * tile of the product straight onto dx (assembly/direct-input.ts); the rest go chunk by chunk
 * through a patch matrix. Units are whole images: a pixel's patch overlaps its neighbours', so
 * threads never write the same element only if they split at images. filter^T is packed once
 * (the direct path's filter rows split over the pool), then every share reads it.
 */
export const conv2dBackpropInput: KernelFn<'conv2dBackpropInput', WasmBackend> = (backend, { dy, filter }, attrs, _out) => {
  const g = convGeometry(attrs.inputShape, filter.shape, dy.shape, attrs);
  const dx = backend.allocData(g.n * g.h * g.w * g.ci, 'float32');
  if (g.n * g.h * g.w * g.ci === 0) return dx;
  const { top, bottom, left, right } = attrs.pad;
  const direct = top === 0 && bottom === 0 && left === 0 && right === 0 && attrs.dilations[1] === 1;
  const chunk = chunkRows(g);
  // Packed: filter^T per filter row (direct) or whole. Scratch: one chunk's patch rows (im2col).
  // Direct: the larger of its two packings (assembly/direct-input.ts picks one): panels of 8, or
  // rows with 8 zeros on each side.
  const packBytes = direct ? g.fh * Math.max(packedBytes(g.co, g.fw * g.ci), g.co * (g.fw * g.ci + 16) * 4) : packedBytes(g.co, g.kk);
  const stride = direct ? 64 : lineAlign(chunk * g.kk * 4);
  const shares = backend.shares(g.n, minUnits(2 * g.oh * g.ow * g.kk * g.co));
  const scratch = backend.alloc(stride * shares);
  const packed = backend.alloc(packBytes);
  // Slot roles here: x = dx (written), f = filter, y = dy.
  const p = convParams(backend, g, {
    x: dx.ptr,
    f: backend.ptr(filter),
    y: backend.ptr(dy),
    scratch,
    scratchStride: stride,
    chunk,
    packed,
  });
  if (direct) backend.run('packInputFilterRows', p, g.fh, Math.ceil(MIN_ELEMENTS_PER_THREAD / (g.fw * g.ci * g.co)));
  else backend.exports.pack.packConvFilterT(p);
  backend.runShares(direct ? 'conv2dBackpropInputDirect' : 'conv2dBackpropInput', p, g.n, shares);
  backend.release(packed, packBytes);
  backend.release(scratch, stride * shares);
  return dx;
};
