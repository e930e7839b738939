import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { castProgram } from '../shaders/elementwise.js';

/** To the same dtype it is a plain copy (the engine uses that to unshare storage before an
 *  in-place update); otherwise a conversion shader. */
export const cast: KernelFn<'cast', WebGpuBackend> = (backend, { x }, { dtype }, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.output(out);
  if (size === 0) return y.dataId;
  if (dtype === x.dtype) backend.copy(backend.buffer(x), y.buffer, size * 4);
  else backend.run(castProgram(x.dtype, dtype), [y.buffer, backend.buffer(x)], [size], linearGroups(size));
  return y.dataId;
};
