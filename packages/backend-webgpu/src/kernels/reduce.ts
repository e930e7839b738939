import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups, spread } from '../shaders/common.js';
import { reduceProgram } from '../shaders/reduce.js';
import { permuteInto } from './util/layout.js';

/** Below this many reduced elements a thread per output beats a workgroup per output. */
const WORKGROUP_MIN_R = 32;

/**
 * Brings x to [outer, R, inner]: contiguous axes already are; any other axis set is first
 * permuted (into a scratch buffer) so the reduced axes come last.
 */
export const reduce: KernelFn<'reduce', WebGpuBackend> = (backend, { x }, { op, axes }, out) => {
  const y = backend.output(out);
  const outSize = sizeFromShape(out.shape);
  if (outSize === 0) return y.dataId;
  const shape = x.shape;
  const R = axes.reduce((p, a) => p * shape[a], 1);
  let src = backend.buffer(x);
  let inner: number;
  let scratch: GPUBuffer | null = null;
  const contiguous = axes.every((a, i) => i === 0 || a === axes[i - 1] + 1);
  if (contiguous) {
    const last = axes.length > 0 ? axes[axes.length - 1] : shape.length - 1;
    inner = sizeFromShape(shape.slice(last + 1));
  } else {
    const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
    scratch = backend.temp(sizeFromShape(shape));
    permuteInto(backend, src, shape, [...kept, ...axes], scratch);
    src = scratch;
    inner = 1;
  }
  const variant = R >= WORKGROUP_MIN_R ? 'workgroup' : 'thread';
  const groups = variant === 'workgroup' ? spread(outSize) : linearGroups(outSize);
  backend.run(reduceProgram(op, x.dtype, out.dtype, variant), [y.buffer, src], [outSize, R, inner], groups);
  if (scratch !== null) backend.releaseTemp(scratch);
  return y.dataId;
};
