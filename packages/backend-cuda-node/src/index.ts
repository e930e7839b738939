import { registerBackend } from '@tensile/core';
import { createCudaBackend } from './backend.js';

export { addonPath, loadAddon, type Addon, type DeviceInfo, type ProbeResult } from './addon.js';
export { CudaBackend, createCudaBackend, type CudaBackendOptions } from './backend.js';
export { cudaKernels } from './kernels/index.js';

// Importing the package makes 'cuda' available; the factory only builds an object, and init()
// loads the addon and asks for the device. Where a CUDA GPU starts it is the fastest backend
// here, so it goes first in auto-selection.
registerBackend('cuda', () => createCudaBackend(), 4);
