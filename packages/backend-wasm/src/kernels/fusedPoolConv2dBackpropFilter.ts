import type { KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { conv2dBackpropFilter, filterGradient } from './conv2dBackpropFilter.js';
import { fusedAvgPoolGrad } from './fusedAvgPoolGrad.js';
import { convGeometry, singleChannel } from './util/conv.js';
import { leaveBiasGrad } from './util/bias-companion.js';
import { poolTiles } from './util/pooled-grad.js';

/**
 * The filter gradient from the gradient at the average pool after the conv. Single-channel convs
 * (LeNet's first) under a pool that tiles their output make each row of the gradient at the conv's
 * output as their transpose pass reads it (assembly/single-channel.ts), so that tensor is never
 * stored; other shapes store it and run the two kernels. The single-channel path also sums those
 * rows into the conv's bias gradient and leaves it for fusedPoolBiasGrad (util/bias-companion.ts).
 */
export const fusedPoolConv2dBackpropFilter: KernelFn<'fusedPoolConv2dBackpropFilter', WasmBackend> = (
  backend,
  { x, dy, y },
  { pool, activation, ...attrs },
  out,
) => {
  const g = convGeometry(x.shape, attrs.filterShape, y.shape, attrs);
  if (singleChannel(g) && poolTiles(pool, y.shape, dy.shape)) {
    const sums = new Float32Array(g.co);
    const df = filterGradient(
      backend,
      x,
      y.shape,
      backend.ptr(y),
      attrs,
      { dy: backend.ptr(dy), window: pool.filterSize, activation },
      sums,
    );
    leaveBiasGrad(backend, { dy: dy.dataId, y: y.dataId, window: pool.filterSize, activation, sums });
    return df;
  }
  const dz = fusedAvgPoolGrad(backend, { dy, y }, { ...pool, activation }, { shape: y.shape, dtype: 'float32' });
  try {
    return conv2dBackpropFilter(backend, { x, dy: { dataId: dz, shape: y.shape, dtype: 'float32' } }, attrs, out);
  } finally {
    backend.disposeData(dz);
  }
};
