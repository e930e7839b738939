import { registerBackend } from '@tensile/core';
import { createWebGlBackend } from './backend.js';

export {
  WebGlBackend,
  createWebGlBackend,
  type NativeFunction,
  type Program,
  type WebGlBackendOptions,
  type WebGlMode,
} from './backend.js';
export { webglKernels } from './kernels/index.js';

// Importing the package makes 'webgl' available. The factory only builds an object; init() asks
// the browser for a WebGL context, or in Node starts headless-gl (X display needed). Its priority
// sits below wasm (2) and webgpu (3), so auto-selection takes it only over cpu (1): gpu.js's
// one-thread-per-output kernels beat neither where those start.
registerBackend('webgl', () => createWebGlBackend(), 1.5);
