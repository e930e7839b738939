import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { activationCode, sizeOf } from './util.js';

export const activationGrad: KernelFn<'activationGrad', CudaBackend> = (backend, { dy, y }, { activation }, out) => {
  const result = backend.output(out);
  backend.run('activationGrad', [backend.handle(dy), backend.handle(y), result.handle], [sizeOf(out.shape), activationCode(activation)]);
  return result;
};
