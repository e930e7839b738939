import { sizeFromShape, type Pool2dAttrs, type Shape } from '@tensile/core';
import type { ParallelName, WasmBackend } from '../../backend.js';
import { POOL_PARAMS } from '../../param-layouts.js';
import type { WasmData } from '../../storage.js';
import { MIN_WINDOW_READS_PER_THREAD } from './split.js';

/**
 * Runs one of the pooling kernels of assembly/pool.ts over whole images. `x` and `dy` may be 0
 * where the kernel does not read them; the output (y or dx) is allocated here. `activation` is
 * fusedAvgPoolGrad's: the activation output it reads and the activation's code.
 */
export function runPool(
  backend: WasmBackend,
  name: ParallelName,
  xShape: Shape,
  yShape: Shape,
  attrs: Pool2dAttrs,
  ptrs: { x: number; dy: number; activation?: { y: number; code: number } },
  outShape: Shape,
): WasmData {
  const [n, h, w, c] = xShape;
  const out = backend.allocData(sizeFromShape(outShape), 'float32');
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
  });
  const perImage = yShape[1] * yShape[2] * c * attrs.filterSize[0] * attrs.filterSize[1];
  backend.run(name, p, n, Math.ceil(MIN_WINDOW_READS_PER_THREAD / Math.max(1, perImage)));
  return out;
}
