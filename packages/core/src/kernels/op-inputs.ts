import type { Tensor } from '../tensor.js';
import type { KernelArgs, KernelAttrs, KernelInputs, KernelName, KernelSignatures, OptionalKernel } from './signatures.js';

/** A kernel's inputs as ops pass them to the engine: tensors where the backend sees TensorInfo. */
export type OpInputs<K extends KernelName> = KernelArgs<K, Tensor>;

/** Kernels that produce a new tensor (all but the in-place optimizer updates). */
export type TensorKernel = { [K in KernelName]: KernelSignatures[K]['output'] extends null ? never : K }[KernelName];
/** Kernels that update their inputs in place. */
export type InPlaceKernel = Exclude<KernelName, TensorKernel>;

/** Inputs each in-place kernel writes; the engine makes their storage unshared first. */
export const WRITTEN_INPUTS: { readonly [K in InPlaceKernel]: readonly (keyof KernelInputs<K>)[] } = {
  applySgd: ['variable', 'velocity'],
  applyAdam: ['variable', 'm', 'v'],
};

/** A composition of required kernels standing in for an optional kernel a backend lacks. */
export type Decomposition<K extends KernelName> = (
  inputs: OpInputs<K>,
  attrs: KernelAttrs<K>,
) => KernelSignatures[K]['output'] extends null ? void : Tensor;

export type DecompositionTable = { readonly [K in OptionalKernel]: Decomposition<K> };
