import type { KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { runGemm } from './util/gemm.js';
import { conv2dBackpropFilterShader, convGeometry, convUniforms } from './util/conv.js';

/** A GEMM whose K runs over every output pixel of the batch: long, so runGemm splits it. */
export const conv2dBackpropFilter: KernelFn<'conv2dBackpropFilter', WebGpuBackend> = (backend, { x, dy }, attrs, out) => {
  const g = convGeometry(x.shape, attrs.filterShape, dy.shape);
  const y = backend.output(out);
  runGemm(backend, conv2dBackpropFilterShader(), { M: g.fh * g.fw * g.ci, N: g.co, K: g.n * g.oh * g.ow, batch: 1 },
    y.buffer, [backend.buffer(x), backend.buffer(dy)], convUniforms(g, attrs));
  return y.dataId;
};
