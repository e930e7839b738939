import { backendUtil, REDUCE_CODES, type KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { stridedInts, transposeLayout } from '../strides.js';
import { isIntStored, sizeOf } from './util.js';

/**
 * Over the middle axis of [outer, reduced, inner]. Non-contiguous axes are first transposed to
 * the end (kept axes, then reduced ones) into scratch storage, freed as soon as it is queued.
 */
export const reduce: KernelFn<'reduce', CudaBackend> = (backend, { x }, { op, axes }, out) => {
  const y = backend.output(out);
  const { outer, reduced, inner, perm } = backendUtil.reduceLayout(x.shape, axes);
  let source = backend.handle(x);
  let scratch: ReturnType<CudaBackend['allocate']> | undefined;
  if (perm !== undefined) {
    scratch = backend.allocate(sizeOf(x.shape), x.dtype);
    backend.run('transpose', [source, scratch.handle], stridedInts(transposeLayout(x.shape, perm)));
    source = scratch.handle;
  }
  try {
    backend.run(
      'reduce',
      [source, y.handle],
      [REDUCE_CODES[op], isIntStored(x.dtype), out.dtype === 'float32' ? 1 : 0, outer, reduced, inner],
    );
  } finally {
    if (scratch !== undefined) backend.disposeData(scratch);
  }
  return y;
};
