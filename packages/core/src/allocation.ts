/**
 * The per-tensor storage limit every backend declares (`Backend.maxTensorBytes`), checked by the
 * engine where the op, the shape and the dtype are known, before the backend allocates anything:
 * past it a typed array throws a bare RangeError (or fills gigabytes first), a wasm heap cannot
 * grow, and a GPU buffer is created invalid and fails at some later, unrelated call.
 */
import type { Backend } from './backend.js';
import type { DType } from './dtype.js';
import { AllocationError } from './errors.js';

/** Throws `AllocationError` when `what` (`size` elements of `dtype`) does not fit in one tensor of `backend`. */
export function assertFits(op: string, what: string, backendName: string, backend: Backend, size: number, dtype: DType): void {
  const bytes = backend.storageBytes(size, dtype);
  if (bytes > backend.maxTensorBytes) {
    throw new AllocationError(
      `${op}: ${what} needs ${bytes} bytes; the ${backendName} backend allocates at most ${backend.maxTensorBytes} bytes per tensor`,
    );
  }
}

/** `err` with the op and its output named, if it is an allocation failure a backend reported. */
export function withOp(err: unknown, op: string, what: string): unknown {
  return err instanceof AllocationError ? new AllocationError(`${op}: ${what}: ${err.message}`, { cause: err }) : err;
}
