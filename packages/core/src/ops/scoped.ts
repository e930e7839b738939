import { ENGINE } from '../engine.js';
import type { Tensor } from '../tensor.js';

/** @internal A gradient thunk whose intermediate tensors are freed when it returns. */
export function scoped<T extends Tensor | Tensor[]>(fn: () => T): () => T {
  return () => ENGINE.tidy(fn);
}
