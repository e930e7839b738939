import type { Conv2dAttrs, KernelFn, Shape, TensorInfo } from '@tensile/core';
import type { ParallelName, WasmBackend } from '../backend.js';
import type { WasmData } from '../storage.js';
import type { ConvGeometry } from './util/conv.js';
import { sharesUsed } from '../threads/share-bounds.js';
import { addPartials } from './util/partials.js';
import { addShareSums } from './util/share-sums.js';
import { ROW_SLACK, type PooledGrad } from './util/pooled-grad.js';
import {
  convGeometry,
  convParams,
  evenChunkRows,
  lineAlign,
  minUnits,
  packedBytes,
  singleChannel,
  winogradFilterScratch,
  winogradFilterSums,
} from './util/conv.js';

/** Pixels of dy per chunk of the direct kernel: its packed panels (8 floats a pixel) stay in L2. */
const DIRECT_CHUNK_PIXELS = 2048;

/**
 * Floats of transposed dy per chunk of the single-channel kernel: 4 KiB (6 rows of LeNet's first
 * convolution). Chunks of 32 KiB fill L1 with x's rows as well, yet with two threads the kernel
 * ran faster with the small ones, alone and inside the training step (one thread: about the same).
 */
const SINGLE_CHANNEL_CHUNK_FLOATS = 1024;

/**
 * dfilter[kk, co] = sum over output pixels of patches^T * dy. Unpadded convolutions read the
 * patches straight from x (units: output rows); others go through im2col chunks (units: pixel
 * chunks). Each thread sums its units into its own buffer (thread 0: the output), then the
 * partial sums are added here.
 */
export const conv2dBackpropFilter: KernelFn<'conv2dBackpropFilter', WasmBackend> = (backend, { x, dy }, attrs, _out) =>
  filterGradient(backend, x, dy.shape, backend.ptr(dy), attrs);

/**
 * The filter gradient from x and the gradient at the conv's output (shape dyShape, at dyPtr); or,
 * with `pooled` (single-channel convs only, see singleChannel), from the gradient at an average
 * pool tiling the conv's output, where dyPtr is the conv's output y; then, with `biasOut`
 * (co floats), also the conv's bias gradient, summed from the same rows of dy in the same pass.
 */
export function filterGradient(
  backend: WasmBackend,
  x: TensorInfo,
  dyShape: Shape,
  dyPtr: number,
  attrs: Conv2dAttrs & { filterShape: readonly [number, number, number, number] },
  pooled?: PooledGrad,
  biasOut?: Float32Array,
): WasmData {
  const g = convGeometry(x.shape, attrs.filterShape, dyShape, attrs);
  const size = g.kk * g.co;
  const df = backend.allocData(size, 'float32');
  if (size === 0) return df;
  if (g.pixels === 0) {
    backend.fillData(df, 0);
    return df;
  }
  // A pooled gradient comes only with one-channel convs, which have their own kernel.
  const winograd = pooled ? 0 : winogradFilterScratch(g);
  if (winograd > 0) return winogradFilterGradient(backend, x, dyPtr, g, winograd, df);
  const { top, bottom, left, right } = attrs.pad;
  // Reading patches from x pays off once output rows hold a few pixels (LeNet's conv3 has 1).
  const direct = top === 0 && bottom === 0 && left === 0 && right === 0 && g.ow >= 4;
  let name: ParallelName;
  let chunk: number;
  let units: number;
  let stride: number;
  let unitFlops: number;
  if (singleChannel(g)) {
    name = 'conv2dBackpropFilterSingleChannel';
    // Channels padded to whole pairs, pixels to whole vectors.
    const pairs = Math.ceil(g.co / 2) * 2;
    const plane = pairs * (Math.ceil(g.ow / 4) * 4);
    chunk = Math.max(1, Math.floor(SINGLE_CHANNEL_CHUNK_FLOATS / plane));
    units = g.n * g.oh;
    // Each tap and channel's 4 lanes of partial sums, transposed dy, the chunk's row origins in x
    // (16-byte aligned), then a row of dy made from the pooled gradient.
    const sums = g.kk * pairs * 4;
    stride = lineAlign((sums + Math.min(chunk, units) * plane + Math.ceil(chunk / 4) * 4 + g.ow * g.co + ROW_SLACK) * 4);
    unitFlops = 2 * g.ow * g.kk * g.co;
  } else if (pooled) {
    throw new Error('wasm: filterGradient takes a pooled gradient for single-channel convs only');
  } else if (direct) {
    name = 'conv2dBackpropFilterDirect';
    chunk = Math.max(1, Math.floor(DIRECT_CHUNK_PIXELS / g.ow));
    units = g.n * g.oh;
    stride = lineAlign(packedBytes(Math.min(chunk, units) * g.ow, g.co));
    unitFlops = 2 * g.ow * g.kk * g.co;
  } else {
    name = 'conv2dBackpropFilter';
    chunk = evenChunkRows(g, backend.threads);
    units = Math.ceil(g.pixels / chunk);
    stride = lineAlign(packedBytes(chunk, g.co) + chunk * g.kk * 4);
    unitFlops = 2 * chunk * g.kk * g.co;
  }
  const shares = backend.shares(units, minUnits(unitFlops));
  const scratch = backend.alloc(stride * shares);
  const partialBytes = Math.max(1, shares - 1) * size * 4;
  const partials = backend.alloc(partialBytes);
  if (biasOut && name !== 'conv2dBackpropFilterSingleChannel')
    throw new Error('wasm: filterGradient sums the bias only on the single-channel path');
  const biasBytes = biasOut ? shares * g.co * 8 : 0;
  const biasSums = biasOut ? backend.alloc(biasBytes) : 0;
  // Slot roles here: x = x, f = df (written), y = dy, bias = the shares' bias sums.
  const p = convParams(backend, g, {
    x: backend.ptr(x),
    f: df.ptr,
    y: dyPtr,
    scratch,
    scratchStride: stride,
    chunk,
    partials,
    pooled,
    bias: biasSums,
  });
  backend.runShares(name, p, units, shares);
  addPartials(backend, df.ptr, partials, size, sharesUsed(units, shares) - 1);
  if (biasOut) {
    addShareSums(backend, biasSums, g.co * 8, sharesUsed(units, shares), g.co, biasOut);
    backend.release(biasSums, biasBytes);
  }
  backend.release(partials, partialBytes);
  backend.release(scratch, stride * shares);
  return df;
}

/**
 * The filter gradient by Winograd's F(5, 2) along the width (assembly/winograd.ts): units are
 * whole images; each share sums its images in the transformed space, the partial sums are added
 * in share order, then folded into df once on this thread.
 */
function winogradFilterGradient(
  backend: WasmBackend,
  x: TensorInfo,
  dyPtr: number,
  g: ConvGeometry,
  stride: number,
  df: WasmData,
): WasmData {
  const sums = winogradFilterSums(g);
  const shares = backend.shares(g.n, minUnits(2 * g.oh * g.ow * g.kk * g.co));
  const scratch = backend.alloc(stride * shares);
  const total = backend.alloc(sums * 4);
  const partialBytes = Math.max(1, shares - 1) * sums * 4;
  const partials = backend.alloc(partialBytes);
  // Slot roles here: x = x, y = dy, packed = share 0's sums (then the total), f = df (written).
  const pointers = { x: backend.ptr(x), f: df.ptr, y: dyPtr, scratch, scratchStride: stride, chunk: 0, partials, packed: total };
  backend.runShares('conv2dBackpropFilterWinograd', convParams(backend, g, pointers), g.n, shares);
  addPartials(backend, total, partials, sums, sharesUsed(g.n, shares) - 1);
  // The backend has one parameter block (backend.params), which addPartials has just rewritten.
  backend.exports.pack.winogradFilterOutput(convParams(backend, g, pointers));
  backend.release(partials, partialBytes);
  backend.release(total, sums * 4);
  backend.release(scratch, stride * shares);
  return df;
}
