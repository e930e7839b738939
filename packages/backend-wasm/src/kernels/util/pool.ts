import { sizeFromShape, type Pool2dAttrs, type Shape } from '@tensile/core';
import type { ParallelName, WasmBackend } from '../../backend.js';
import { POOL_PARAMS } from '../../param-layouts.js';
import type { WasmData } from '../../storage.js';
import { sharesUsed } from '../../threads/share-bounds.js';
import { addShareSums } from './share-sums.js';
import { MIN_WINDOW_READS_PER_THREAD } from './split.js';

/**
 * Runs one of the pooling kernels of assembly/pool.ts over whole images. `x` and `dy` may be 0
 * where the kernel does not read them; the output (y or dx) is allocated here. `activation` is
 * fusedAvgPoolGrad's: the activation output it reads and the activation's code; with
 * `channelSums` (fusedAvgPoolGrad, c a multiple of 4), the output's sums per channel too.
 */
export function runPool(
  backend: WasmBackend,
  name: ParallelName,
  xShape: Shape,
  yShape: Shape,
  attrs: Pool2dAttrs,
  ptrs: { x: number; dy: number; activation?: { y: number; code: number } },
  outShape: Shape,
  channelSums?: Float32Array,
): WasmData {
  const n = xShape[0],
    h = xShape[1],
    w = xShape[2],
    c = xShape[3];
  const out = backend.allocData(sizeFromShape(outShape), 'float32');
  const perImage = yShape[1] * yShape[2] * c * attrs.filterSize[0] * attrs.filterSize[1];
  const shares = backend.shares(n, Math.ceil(MIN_WINDOW_READS_PER_THREAD / Math.max(1, perImage)));
  // With channelSums, each share's f64 sums of the output per channel, added up in share order.
  const bytes = channelSums ? shares * c * 8 : 0;
  const sums = channelSums ? backend.alloc(bytes) : 0;
  const isGrad = name === 'maxPoolGrad' || name === 'avgPoolGrad' || name === 'fusedAvgPoolGrad';
  const p = backend.params(POOL_PARAMS, {
    n,
    h,
    w,
    c,
    oh: yShape[1],
    ow: yShape[2],
    fh: attrs.filterSize[0],
    fw: attrs.filterSize[1],
    sh: attrs.strides[0],
    sw: attrs.strides[1],
    pt: attrs.pad.top,
    pl: attrs.pad.left,
    x: ptrs.x,
    y: isGrad ? (ptrs.activation?.y ?? 0) : out.ptr,
    dy: ptrs.dy,
    dx: isGrad ? out.ptr : 0,
    act: ptrs.activation?.code ?? 0,
    sums,
  });
  backend.runShares(name, p, n, shares);
  if (!channelSums) return out;
  addShareSums(backend, sums, c * 8, sharesUsed(n, shares), c, channelSums);
  backend.release(sums, bytes);
  return out;
}
