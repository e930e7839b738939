import type { KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { convGeometry } from './util/conv.js';
import { convForward } from './util/conv-forward.js';

/** Bias and activation are applied to each chunk of output pixels while it is still in cache. */
export const fusedConv2d: KernelFn<'fusedConv2d', WasmBackend> = (backend, { x, filter, bias }, attrs, out) =>
  convForward(backend, x, filter, bias, attrs.activation, convGeometry(x.shape, filter.shape, out.shape, attrs));
