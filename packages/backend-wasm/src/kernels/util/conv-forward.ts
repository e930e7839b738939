import type { FusedActivation, TensorInfo } from '@tensile/core';
import type { WasmBackend } from '../../backend.js';
import type { WasmData } from '../../storage.js';
import { chunkRows, convParams, lineAlign, minUnits, packedBytes, singleChannel, singleChannelGroups, type ConvGeometry } from './conv.js';

/**
 * y = act(conv(x, filter) + bias). Unpadded convolutions with dilation 1 along the width read
 * their patches straight from x (assembly/direct.ts), output rows split over the threads; the
 * rest go through im2col chunks of output pixels.
 */
export function convForward(
  backend: WasmBackend, x: TensorInfo, filter: TensorInfo, bias: TensorInfo | undefined,
  activation: FusedActivation, g: ConvGeometry,
): WasmData {
  const y = backend.allocData(g.pixels * g.co, 'float32');
  if (g.pixels * g.co === 0) return y;
  const { pad, dilations } = g.attrs;
  if (singleChannel(g)) {
    // The filter and bias, padded to whole channel groups.
    const cg = singleChannelGroups(g.co);
    const stride = lineAlign((g.fh * g.fw + 1) * cg * 4);
    const shares = backend.shares(g.n * g.oh, minUnits(2 * g.ow * g.kk * g.co));
    const scratch = backend.alloc(stride * shares);
    const p = convParams(backend, g, {
      x: backend.ptr(x), f: backend.ptr(filter), y: y.ptr, bias: bias === undefined ? 0 : backend.ptr(bias),
      activation, scratch, scratchStride: stride, chunk: 0,
    });
    backend.runShares('conv2dSingleChannel', p, g.n * g.oh, shares);
    backend.release(scratch, stride * shares);
    return y;
  }
  if (pad.top === 0 && pad.bottom === 0 && pad.left === 0 && pad.right === 0 && dilations[1] === 1) {
    // Packed filter, then the 64 patch origins of a block of pixels (assembly/direct.ts).
    const stride = lineAlign(packedBytes(g.kk, g.co) + 64 * 4);
    const shares = backend.shares(g.n * g.oh, minUnits(2 * g.ow * g.kk * g.co));
    const scratch = backend.alloc(stride * shares);
    const p = convParams(backend, g, {
      x: backend.ptr(x), f: backend.ptr(filter), y: y.ptr, bias: bias === undefined ? 0 : backend.ptr(bias),
      activation, scratch, scratchStride: stride, chunk: 0,
    });
    backend.runShares('conv2dDirect', p, g.n * g.oh, shares);
    backend.release(scratch, stride * shares);
    return y;
  }
  const chunk = chunkRows(g);
  const stride = lineAlign(packedBytes(g.kk, g.co) + chunk * g.kk * 4);
  const units = Math.ceil(g.pixels / chunk);
  const shares = backend.shares(units, minUnits(2 * chunk * g.kk * g.co));
  const scratch = backend.alloc(stride * shares);
  const p = convParams(backend, g, {
    x: backend.ptr(x), f: backend.ptr(filter), y: y.ptr, bias: bias === undefined ? 0 : backend.ptr(bias),
    activation, scratch, scratchStride: stride, chunk,
  });
  backend.runShares('conv2d', p, units, shares);
  backend.release(scratch, stride * shares);
  return y;
}
