import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { activationCode, convInts } from './util.js';

/** Bias and activation applied as the implicit GEMM writes its tile. */
export const fusedConv2d: KernelFn<'fusedConv2d', CudaBackend> = (backend, { x, filter, bias }, attrs, out) => {
  const y = backend.output(out);
  backend.run(
    'conv2d',
    [backend.handle(x), backend.handle(filter), bias === undefined ? 0 : backend.handle(bias), y.handle],
    [...convInts(x.shape, filter.shape, out.shape, attrs), activationCode(attrs.activation)],
  );
  return y;
};
