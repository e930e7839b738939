import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { sizeOf } from './util.js';

export const randomUniform: KernelFn<'randomUniform', CudaBackend> = (backend, _inputs, { minval, maxval, seed, dtype }, out) => {
  const y = backend.output(out);
  backend.run('randomUniform', [y.handle], [sizeOf(out.shape), dtype === 'int32' ? 1 : 0, seed | 0], [minval, maxval]);
  return y;
};
