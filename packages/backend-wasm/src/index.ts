import { registerBackend } from '@tensile/core';
import { createWasmBackend } from './backend.js';

export { WasmBackend, createWasmBackend, type WasmBackendOptions } from './backend.js';
export { wasmKernels } from './kernels/index.js';
export { supportsRelaxedSimd, supportsSimd, sharedMemoryReason } from './loader.js';
export { enableNodeRelaxedSimd } from './node-relaxed.js';

// Importing the package makes 'wasm' available, above cpu (priority 1). Nothing heavy happens
// here: the module is compiled and the workers start in the backend's async init().
registerBackend('wasm', () => createWasmBackend(), 2);
