import type { KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { runGemm } from './util/gemm.js';
import { conv2dBackpropInputShader, convGeometry, convUniforms } from './util/conv.js';

export const conv2dBackpropInput: KernelFn<'conv2dBackpropInput', WebGpuBackend> = (backend, { dy, filter }, attrs, out) => {
  const g = convGeometry(attrs.inputShape, filter.shape, dy.shape);
  const y = backend.output(out);
  runGemm(backend, conv2dBackpropInputShader(attrs.strides[0] === 1 && attrs.strides[1] === 1), { M: g.n * g.h * g.w, N: g.ci, K: g.fh * g.fw * g.co, batch: 1 },
    y.buffer, [backend.buffer(dy), backend.buffer(filter)], convUniforms(g, attrs));
  return y.dataId;
};
