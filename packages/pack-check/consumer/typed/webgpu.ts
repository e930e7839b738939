import { registerBackend, setBackend } from '@tensile/core';
import { createWebGpuBackend, type WebGpuBackend } from '@tensile/backend-webgpu';
import { compute, reasons } from './model.js';

const backend: WebGpuBackend = createWebGpuBackend({ allowSoftware: true });
registerBackend('webgpu-typed', () => backend, 0);
// The declarations name WebGPU's own types (GPUDevice, ...) through @webgpu/types.
const adapterLimit: GPUSupportedLimits | undefined = undefined;
export const result = await setBackend('webgpu-typed').then(compute, () => ({ unavailable: reasons(), adapterLimit }));
