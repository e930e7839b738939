import type { KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { convGeometry } from './util/conv.js';
import { convForward } from './util/conv-forward.js';

export const conv2d: KernelFn<'conv2d', WasmBackend> = (backend, { x, filter }, attrs, out) =>
  convForward(backend, x, filter, undefined, 'linear', convGeometry(x.shape, filter.shape, out.shape, attrs));
