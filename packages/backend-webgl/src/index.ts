/**
 * Work in progress (issue 13): nothing is registered yet, so importing this package changes
 * nothing for an app; `webgl` joins `listBackends()` when every required kernel passes the
 * conformance suite. Until then, create the backend explicitly with `createWebGlBackend()`.
 */
export { WebGlBackend, createWebGlBackend, type NativeFunction, type Program, type WebGlBackendOptions } from './backend.js';
export { webglKernels } from './kernels/index.js';

export const WEBGL_BACKEND_STATUS = 'in progress: not registered yet';
