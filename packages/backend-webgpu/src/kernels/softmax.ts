import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { spread } from '../shaders/common.js';
import { softmaxProgram } from '../shaders/softmax.js';

export const softmax: KernelFn<'softmax', WebGpuBackend> = (backend, { x }, _attrs, out) => {
  const y = backend.output(out);
  const size = sizeFromShape(out.shape);
  const d = out.shape[out.shape.length - 1];
  if (size > 0) backend.run(softmaxProgram(false), [y.buffer, backend.buffer(x)], [size / d, d], spread(size / d));
  return y.dataId;
};
