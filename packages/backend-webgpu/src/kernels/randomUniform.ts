import { hash32, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { randomUniformProgram, type UniformKind } from '../shaders/random.js';

/** Element i is f(seed, i), the same on every backend; int32 draws floor(minval + u * range). */
export const randomUniform: KernelFn<'randomUniform', WebGpuBackend> = (backend, _inputs, { minval, maxval, seed, dtype }, out) => {
  const y = backend.output(out);
  const size = sizeFromShape(out.shape);
  if (size === 0) return y.dataId;
  const range = maxval - minval;
  let kind: UniformKind = 'float';
  if (dtype === 'int32') {
    const exact = Number.isInteger(minval) && Number.isInteger(range) && range < 2 ** 32 && minval >= -(2 ** 31) && minval < 2 ** 31;
    kind = exact ? 'intExact' : 'intFloat';
  }
  const uniforms = [size, hash32(seed >>> 0), minval, range, kind === 'intExact' ? minval : 0, kind === 'intExact' ? range : 0];
  backend.run(randomUniformProgram(kind), [y.buffer], uniforms, linearGroups(size));
  return y.dataId;
};
