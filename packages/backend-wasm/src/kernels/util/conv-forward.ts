import type { FusedActivation, TensorInfo } from '@tensile/core';
import type { PackName, ParallelName, WasmBackend } from '../../backend.js';
import type { WasmData } from '../../storage.js';
import {
  chunkRows,
  convParams,
  lineAlign,
  minUnits,
  packedBytes,
  singleChannel,
  singleChannelPadded,
  winogradPackedBytes,
  winogradScratch,
  type ConvGeometry,
} from './conv.js';

/**
 * y = act(conv(x, filter) + bias). One-channel inputs have their own kernel
 * (assembly/single-channel.ts); other unpadded convolutions with dilation 1 along the width read
 * their patches straight from x (assembly/direct.ts), output rows split over the threads; the
 * rest go through im2col chunks of output pixels. The calling thread packs the filter once,
 * then every share reads it.
 */
export function convForward(
  backend: WasmBackend,
  x: TensorInfo,
  filter: TensorInfo,
  bias: TensorInfo | undefined,
  activation: FusedActivation,
  g: ConvGeometry,
): WasmData {
  const y = backend.allocData(g.pixels * g.co, 'float32');
  if (g.pixels * g.co === 0) return y;
  const { pad, dilations } = g.attrs;
  const run = (
    name: ParallelName,
    pack: PackName,
    packBytes: number,
    stride: number,
    units: number,
    unitFlops: number,
    chunk: number,
  ): WasmData => {
    const shares = backend.shares(units, minUnits(unitFlops));
    const scratch = backend.alloc(stride * shares);
    // 0: the kernel reads the filter in place (assembly/direct.ts).
    const packed = packBytes === 0 ? 0 : backend.alloc(packBytes);
    const p = convParams(backend, g, {
      x: backend.ptr(x),
      f: backend.ptr(filter),
      y: y.ptr,
      bias: bias === undefined ? 0 : backend.ptr(bias),
      activation,
      scratch,
      scratchStride: stride,
      chunk,
      packed,
    });
    if (packed !== 0) backend.exports.pack[pack](p);
    backend.runShares(name, p, units, shares);
    if (packed !== 0) backend.release(packed, packBytes);
    backend.release(scratch, stride * shares);
    return y;
  };
  const rowFlops = 2 * g.ow * g.kk * g.co;
  if (singleChannel(g)) {
    // Packed: the filter and bias, padded to whole channel groups. No scratch.
    const padded = (g.fh * g.fw + 1) * singleChannelPadded(g.co) * 4;
    return run('conv2dSingleChannel', 'padSingleChannelFilter', padded, 64, g.n * g.oh, rowFlops, 0);
  }
  const winograd = winogradScratch(g);
  if (winograd > 0) {
    // Units are whole images: a share transforms each image's input rows once.
    return run('conv2dWinograd', 'packWinogradFilter', winogradPackedBytes(g), winograd, g.n, rowFlops * g.oh, 0);
  }
  const packed = packedBytes(g.kk, g.co);
  if (pad.top === 0 && pad.bottom === 0 && pad.left === 0 && pad.right === 0 && dilations[1] === 1) {
    // Scratch: the 64 patch origins of a block of pixels (assembly/direct.ts). With whole panels
    // of 8 channels the kernel reads the filter in place: packing it on this thread cost more
    // than the kernel saved by reading the copy (LeNet's conv3: its 192 KiB filter, still in the
    // other core's cache from the call before, took several times as long to pack there as alone).
    return run('conv2dDirect', 'packConvFilter', g.co % 8 === 0 ? 0 : packed, lineAlign(64 * 4), g.n * g.oh, rowFlops, 0);
  }
  const chunk = chunkRows(g);
  // Scratch: one chunk's im2col rows.
  return run('conv2d', 'packConvFilter', packed, lineAlign(chunk * g.kk * 4), Math.ceil(g.pixels / chunk), 2 * chunk * g.kk * g.co, chunk);
}
