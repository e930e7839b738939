import { registerBackend, setBackend } from '@tensile/core';
import { CpuBackend, createCpuBackend, cpuKernels } from '@tensile/backend-cpu';
import { compute, type SuiteOptions } from './model.js';

const backend: CpuBackend = createCpuBackend();
registerBackend('cpu-typed', () => backend, 0);
await setBackend('cpu-typed');
const suite: SuiteOptions = { name: 'cpu', create: () => new CpuBackend() };
export const result = { ...(await compute()), kernels: Object.keys(cpuKernels).length, suite: suite.name };
