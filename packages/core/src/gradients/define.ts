import type { OpInputs } from '../kernels/op-inputs.js';
import type { KernelAttrs, KernelInputs, KernelName, TensorInfo } from '../kernels/signatures.js';
import type { Tensor } from '../tensor.js';

/** For each differentiable input, a thunk computing its gradient (only called when needed). */
export type GradResult<K extends KernelName> = {
  [I in keyof KernelInputs<K>]?: KernelInputs<K>[I] extends readonly TensorInfo[] ? () => Tensor[] : () => Tensor;
};

export interface GradientSpec<K extends KernelName> {
  readonly kernel: K;
  /** `dy` has the output's shape; `y` is the forward output. Written with ops, so it runs on any backend. */
  backward(dy: Tensor, inputs: OpInputs<K>, attrs: KernelAttrs<K>, y: Tensor): GradResult<K>;
}

export function defineGradient<K extends KernelName>(kernel: K, backward: GradientSpec<K>['backward']): GradientSpec<K> {
  return { kernel, backward };
}

export type GradientTable = { readonly [K in KernelName]?: GradientSpec<K> };
