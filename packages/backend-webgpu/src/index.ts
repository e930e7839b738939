/// <reference types="@webgpu/types" />
import { registerBackend } from '@tensile/core';
import { createWebGpuBackend } from './backend.js';

export { WebGpuBackend, createWebGpuBackend, type WebGpuBackendOptions } from './backend.js';
export type { GemmKind, WebGpuProfile, WebGpuProfileOptions } from './profile.js';
export { webgpuKernels } from './kernels/index.js';
export type { GpuEntry } from './device.js';

// Importing the package makes 'webgpu' available. Nothing is loaded here: the factory only
// builds an object, and init() finds navigator.gpu or imports Dawn. A software adapter is taken
// only when the backend is asked for by name (setBackend('webgpu')), never by auto-selection.
registerBackend('webgpu', ({ explicit }) => createWebGpuBackend({ allowSoftware: explicit }), 3);
