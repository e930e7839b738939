import type { KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { filterGradValues } from './conv2dBackpropFilter.js';
import { fusedAvgPoolGradValues } from './fusedAvgPoolGrad.js';
import { convGeometry } from './util/conv.js';

/** The two kernels' computations on plain arrays (the reference backend keeps their roundings). */
export const fusedPoolConv2dBackpropFilter: KernelFn<'fusedPoolConv2dBackpropFilter', CpuBackend> = (
  backend,
  { x, dy, y },
  { pool, activation, ...attrs },
  out,
) => {
  const dz = fusedAvgPoolGradValues(backend, dy, y, pool, activation);
  return backend.store(filterGradValues(backend.floats(x), dz, convGeometry(x.shape, attrs.filterShape, y.shape, attrs)), out.dtype);
};
