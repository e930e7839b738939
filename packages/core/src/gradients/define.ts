import type { OpInputs } from '../kernels/op-inputs.js';
import type { KernelAttrs, KernelInputs, KernelName, TensorInfo } from '../kernels/signatures.js';
import type { Tensor } from '../tensor.js';

/** For each differentiable input, a thunk computing its gradient (only called when needed). */
export type GradResult<K extends KernelName> = {
  [I in keyof KernelInputs<K>]?: KernelInputs<K>[I] extends readonly TensorInfo[] ? () => Tensor[] : () => Tensor;
};

export interface GradientSpec<K extends KernelName> {
  readonly kernel: K;
  /**
   * The kernels the backward pass calls itself (not those inside a decomposition it falls back
   * to), so a backend author knows what else the gradient runs. Kept by hand, checked against
   * the calls recorded while the conformance suite's gradient checks run (docs/contract-checks.md).
   */
  readonly uses: readonly KernelName[];
  /** `dy` has the output's shape; `y` is the forward output. Written with ops, so it runs on any backend. */
  backward(dy: Tensor, inputs: OpInputs<K>, attrs: KernelAttrs<K>, y: Tensor): GradResult<K>;
}

/** A kernel without a gradient, and why: the tape records it, and a gradient through it throws. */
export interface NoGradient {
  readonly none: string;
}

export function defineGradient<K extends KernelName>(
  kernel: K,
  uses: readonly KernelName[],
  backward: GradientSpec<K>['backward'],
): GradientSpec<K> {
  return { kernel, uses, backward };
}

/** Every kernel has an entry: a gradient, or the reason it has none. The compiler checks both. */
export type GradientTable = { readonly [K in KernelName]: GradientSpec<K> | NoGradient };
