import type { KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { runGemm } from './util/gemm.js';
import { conv2dShader, convGeometry, convUniforms } from './util/conv.js';

/** conv2d with bias and activation in the GEMM's epilogue. */
export const fusedConv2d: KernelFn<'fusedConv2d', WebGpuBackend> = (backend, { x, filter, bias }, attrs, out) => {
  const g = convGeometry(x.shape, filter.shape, out.shape);
  const y = backend.output(out);
  runGemm(backend, conv2dShader(), { M: g.n * g.oh * g.ow, N: g.co, K: g.fh * g.fw * g.ci, batch: 1 },
    y.buffer, [backend.buffer(x), backend.buffer(filter)], convUniforms(g, attrs),
    { activation: attrs.activation, ...(bias !== undefined ? { bias: backend.buffer(bias) } : {}) });
  return y.dataId;
};
