import { registerBackend } from '@tensile/core';
import { createCpuBackend } from './backend.js';

export { CpuBackend, createCpuBackend } from './backend.js';
export { cpuKernels } from './kernels/index.js';

// Importing the package makes 'cpu' available; creating it is cheap, and it is the fallback
// that always starts, hence the lowest priority.
registerBackend('cpu', createCpuBackend, 1);
