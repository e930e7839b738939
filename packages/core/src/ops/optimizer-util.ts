import { ArgumentError, DTypeError } from '../errors.js';
import { Tensor, Variable } from '../tensor.js';

/** @internal In-place updates write their state: it must be a float32 Variable, never a plain tensor. */
export function asWritableVariable(op: string, name: string, t: Tensor | undefined): Variable {
  if (!(t instanceof Variable)) {
    throw new ArgumentError(
      `${op}: ${name} must be a Variable (it is updated in place), got ${t instanceof Tensor ? 'a plain Tensor' : String(t)}`,
    );
  }
  t.throwIfDisposed(op);
  if (t.dtype !== 'float32') throw new DTypeError(`${op}: ${name} must be float32, got ${t.dtype}`);
  return t;
}

/** @internal A finite number option. */
export function finiteOption(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ArgumentError(`${op}: ${name} must be a finite number, got ${String(v)}`);
  return v;
}
