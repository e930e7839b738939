import type { KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { runGemm } from './util/gemm.js';
import { conv2dBackpropFilterShader, convGeometry, convUniforms, isDenseConv } from './util/conv.js';
import { matMulBuffers } from './util/matmul.js';

/** A GEMM whose K runs over every output pixel of the batch: long, so runGemm splits it. */
export const conv2dBackpropFilter: KernelFn<'conv2dBackpropFilter', WebGpuBackend> = (backend, { x, dy }, attrs, out) => {
  const g = convGeometry(x.shape, attrs.filterShape, dy.shape);
  const y = backend.output(out);
  const K = g.fh * g.fw * g.ci;
  if (isDenseConv(g, attrs)) {
    // dfilter [K, co] = x [n, K]^T x dy [n, co]
    matMulBuffers(backend, backend.buffer(x), backend.buffer(dy), { M: K, N: g.co, K: g.n }, true, false, y.buffer);
    return y.dataId;
  }
  runGemm(backend, conv2dBackpropFilterShader(), { M: K, N: g.co, K: g.n * g.oh * g.ow, batch: 1 },
    y.buffer, [backend.buffer(x), backend.buffer(dy)], convUniforms(g, attrs));
  return y.dataId;
};
