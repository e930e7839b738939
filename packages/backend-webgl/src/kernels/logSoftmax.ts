import type { KernelFn } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { softmaxLike } from './softmax.js';

export const logSoftmax: KernelFn<'logSoftmax', WebGlBackend> = (backend, { x }, _attrs, out) => softmaxLike(backend, x, out, true);
