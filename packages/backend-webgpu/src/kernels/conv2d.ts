import type { KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { runGemm } from './util/gemm.js';
import { conv2dShader, convGeometry, convUniforms } from './util/conv.js';

export const conv2d: KernelFn<'conv2d', WebGpuBackend> = (backend, { x, filter }, attrs, out) => {
  const g = convGeometry(x.shape, filter.shape, out.shape);
  const y = backend.output(out);
  runGemm(backend, conv2dShader(), { M: g.n * g.oh * g.ow, N: g.co, K: g.fh * g.fw * g.ci, batch: 1 },
    y.buffer, [backend.buffer(x), backend.buffer(filter)], convUniforms(g, attrs));
  return y.dataId;
};
