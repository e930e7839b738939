/** The kernels' names at run time, for code that walks the contract (tests, tools, backends). */
import { OPTIONAL_KERNELS, type KernelName, type RequiredKernel } from './signatures.js';
import { kernelSpecs } from './specs.js';

function isKernelName(name: string): name is KernelName {
  return Object.hasOwn(kernelSpecs, name);
}

const optional: ReadonlySet<string> = new Set(OPTIONAL_KERNELS);

function isRequired(name: KernelName): name is RequiredKernel {
  return !optional.has(name);
}

/** Every kernel, in the order of the specs table, whose type makes the compiler keep it complete. */
export const KERNEL_NAMES: readonly KernelName[] = Object.keys(kernelSpecs).filter(isKernelName);

/** The kernels every backend must implement: all but `OPTIONAL_KERNELS`. */
export const REQUIRED_KERNELS: readonly RequiredKernel[] = KERNEL_NAMES.filter(isRequired);
