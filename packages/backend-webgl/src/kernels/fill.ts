import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';

export const fill: KernelFn<'fill', WebGlBackend> = (backend, _inputs, { value, dtype }, out) => {
  const v = dtype === 'bool' ? (value !== 0 ? 1 : 0) : dtype === 'int32' ? Math.trunc(value) | 0 : value;
  return backend.run({ key: 'fill', source: () => 'function(v) { return v; }' }, [], [v], sizeFromShape(out.shape), out.dtype);
};
