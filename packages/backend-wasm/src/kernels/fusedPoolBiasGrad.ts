import type { KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { sharesUsed } from '../threads/share-bounds.js';
import { fusedAvgPoolGrad } from './fusedAvgPoolGrad.js';
import { reduce } from './reduce.js';
import { takeBiasGrad } from './util/bias-companion.js';
import { addShareSums } from './util/share-sums.js';
import { convGeometry, convParams, lineAlign } from './util/conv.js';
import { poolTiles } from './util/pooled-grad.js';
import { MIN_REDUCED_PER_THREAD } from './util/split.js';

/**
 * The bias gradient from the gradient at the average pool after the conv. Under a pool that tiles
 * the conv's output, each share sums the gradient at the conv's output window by window without
 * storing it (assembly/pool-grad-rows.ts poolBiasGrad), a pooled row at a time in f32, then into
 * f64 sums added up here in share order; other pools store the gradient and reduce it.
 */
export const fusedPoolBiasGrad: KernelFn<'fusedPoolBiasGrad', WasmBackend> = (backend, { dy, y }, { activation, ...pool }, out) => {
  const [n, h, w, c] = y.shape;
  const db = backend.allocData(c, 'float32');
  if (c === 0) return db;
  const left = takeBiasGrad(backend, dy.dataId, y.dataId, pool.filterSize, activation);
  if (left !== null) {
    backend.views.f32.set(left, db.ptr / 4);
    return db;
  }
  if (n * h * w === 0) {
    backend.fillData(db, 0);
    return db;
  }
  if (!poolTiles(pool, y.shape, dy.shape)) {
    backend.disposeData(db);
    const dz = fusedAvgPoolGrad(backend, { dy, y }, { ...pool, activation }, { shape: y.shape, dtype: 'float32' });
    try {
      return reduce(backend, { x: { dataId: dz, shape: y.shape, dtype: 'float32' } }, { op: 'sum', axes: [0, 1, 2], keepDims: false }, out);
    } finally {
      backend.disposeData(dz);
    }
  }
  const blocks = Math.ceil(c / 4);
  // Per share: f64 sums per channel (whole blocks of 4), then one pooled row's f32 sums.
  const stride = lineAlign(blocks * 48);
  const units = n * dy.shape[1];
  const shares = backend.shares(units, Math.ceil(MIN_REDUCED_PER_THREAD / (pool.filterSize[0] * w * c)));
  const scratch = backend.alloc(stride * shares);
  // ConvParams with y as the conv's output (oh, ow, co) and the pool's window; no filter.
  const g = convGeometry([n, h, w, 1], [1, 1, 1, c], y.shape, {
    strides: [1, 1],
    dilations: [1, 1],
    pad: { top: 0, bottom: 0, left: 0, right: 0 },
  });
  const p = convParams(backend, g, {
    x: 0,
    f: 0,
    y: backend.ptr(y),
    scratch,
    scratchStride: stride,
    chunk: 0,
    pooled: { dy: backend.ptr(dy), window: pool.filterSize, activation },
  });
  backend.runShares('poolBiasGrad', p, units, shares);
  addShareSums(backend, scratch, stride, sharesUsed(units, shares), c, backend.view(db) as Float32Array);
  backend.release(scratch, stride * shares);
  return db;
};
