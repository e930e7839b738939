import { OPTIONAL_KERNELS, type KernelTable } from '../kernels/signatures.js';

/**
 * A copy of `table` without its optional kernels. A backend given it runs core's decompositions
 * (ops/decompositions/) wherever it would have run its own fused kernels and optimizer updates,
 * so running the conformance suite on it checks the decompositions.
 */
export function withoutOptionalKernels<B>(table: KernelTable<B>): KernelTable<B> {
  const out = { ...table };
  for (const name of OPTIONAL_KERNELS) delete out[name];
  return out;
}
