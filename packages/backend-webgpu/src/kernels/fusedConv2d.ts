import type { KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { runConv2d } from './util/conv-forward.js';

/** conv2d with bias and activation in the GEMM's epilogue. */
export const fusedConv2d: KernelFn<'fusedConv2d', WebGpuBackend> = (backend, { x, filter, bias }, attrs, out) => {
  const y = backend.output(out);
  runConv2d(backend, x, filter, attrs, out.shape, y.buffer, {
    activation: attrs.activation,
    ...(bias !== undefined ? { bias: backend.buffer(bias) } : {}),
  });
  return y.dataId;
};
