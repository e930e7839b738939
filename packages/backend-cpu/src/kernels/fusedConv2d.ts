import type { KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { applyBiasActivation } from './util/activation.js';
import { convForward, convGeometry } from './util/conv.js';

export const fusedConv2d: KernelFn<'fusedConv2d', CpuBackend> = (backend, { x, filter, bias }, attrs, out) => {
  const g = convGeometry(x.shape, filter.shape, out.shape, attrs);
  const y = convForward(backend.floats(x), backend.floats(filter), g);
  applyBiasActivation(y, g.co, bias === undefined ? undefined : backend.floats(bias), attrs.activation);
  return backend.store(y, 'float32');
};
