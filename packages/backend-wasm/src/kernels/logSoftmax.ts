import type { KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { runSoftmax } from './softmax.js';

/** x - max - log(sum(exp(x - max))) over the last axis: finite for any finite input. */
export const logSoftmax: KernelFn<'logSoftmax', WasmBackend> = (backend, { x }, _attrs, out) => runSoftmax(backend, x, out, true);
