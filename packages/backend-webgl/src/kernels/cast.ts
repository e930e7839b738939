import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { withOp } from './util/math.js';

/** float32 -> int32 truncates toward zero with NaN -> 0 (as a JS Int32Array store); -> bool is != 0. */
export const cast: KernelFn<'cast', WebGlBackend> = (backend, { x }, { dtype }, out) => {
  const expr =
    dtype === 'bool' ? '(v != 0.0) ? 1.0 : 0.0' : dtype === 'int32' && x.dtype === 'float32' ? '(v != v) ? 0.0 : trunc_(v)' : 'v';
  return backend.run(
    {
      key: `cast:${expr}`,
      source: () => 'function(x) { return op_(x[this.thread.x]); }',
      natives: () => withOp('float v', expr),
    },
    [x],
    [],
    sizeFromShape(out.shape),
    out.dtype,
  );
};
