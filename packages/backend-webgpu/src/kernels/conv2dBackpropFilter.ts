import type { KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { FILTER_GRAD_WG, filterGradBlock, filterGradGroups, filterGradProgram } from '../shaders/conv-filter-grad.js';
import { linearGroups } from '../shaders/common.js';
import { sumSlabsProgram } from '../shaders/gemm.js';
import { runGemm } from './util/gemm.js';
import { conv2dBackpropFilterShader, convGeometry, convUniforms, isDenseConv, type ConvGeometry } from './util/conv.js';
import { matMulBuffers } from './util/matmul.js';

/** Workgroups to aim for on a CPU rasterizer: a few per core, so that the cores finish together. */
const TARGET_CPU_WORKGROUPS = 16;

/** A GEMM whose K runs over every output pixel of the batch: long, so runGemm splits it. With
 *  the profile's `filterGradOverRows`, lanes over output rows instead (shaders/conv-filter-grad.ts). */
export const conv2dBackpropFilter: KernelFn<'conv2dBackpropFilter', WebGpuBackend> = (backend, { x, dy }, attrs, out) => {
  const g = convGeometry(x.shape, attrs.filterShape, dy.shape, attrs);
  const y = backend.output(out);
  const K = g.fh * g.fw * g.ci;
  if (isDenseConv(g, attrs)) {
    // dfilter [K, co] = x [n, K]^T x dy [n, co]
    matMulBuffers(backend, backend.buffer(x), backend.buffer(dy), { M: K, N: g.co, K: g.n }, true, false, y.buffer);
    return y.dataId;
  }
  if (backend.profile.filterGradOverRows) {
    rowLanes(backend, g, attrs, backend.buffer(x), backend.buffer(dy), y.buffer);
    return y.dataId;
  }
  runGemm(
    backend,
    conv2dBackpropFilterShader(),
    { M: K, N: g.co, K: g.n * g.oh * g.ow, batch: 1 },
    y.buffer,
    [backend.buffer(x), backend.buffer(dy)],
    convUniforms(g, attrs),
  );
  return y.dataId;
};

function rowLanes(
  backend: WebGpuBackend,
  g: ConvGeometry,
  attrs: Parameters<typeof conv2dBackpropFilter>[2],
  x: GPUBuffer,
  dy: GPUBuffer,
  y: GPUBuffer,
): void {
  const size = g.fh * g.fw * g.ci * g.co;
  if (size === 0) return;
  const rows = g.n * g.oh;
  const block = filterGradBlock(g.fh, g.fw, g.ci, g.co);
  const groups = filterGradGroups(block);
  const chunks = Math.max(1, Math.min(Math.ceil(rows / FILTER_GRAD_WG), Math.ceil(TARGET_CPU_WORKGROUPS / groups)));
  const lanes = chunks * FILTER_GRAD_WG;
  const slabs = backend.temp(lanes * size);
  backend.run(
    filterGradProgram(block),
    [slabs, x, dy],
    [
      g.h,
      g.w,
      g.oh,
      g.ow,
      rows,
      lanes,
      attrs.strides[0],
      attrs.strides[1],
      attrs.dilations[0],
      attrs.dilations[1],
      attrs.pad.top,
      attrs.pad.left,
    ],
    [chunks, groups, 1],
  );
  backend.run(sumSlabsProgram(), [y, slabs], [size, lanes], linearGroups(size));
  backend.releaseTemp(slabs);
}
