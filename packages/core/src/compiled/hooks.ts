/**
 * The seam between eager execution and the compiled step: while a step is being traced, the
 * engine and dispatch tell the active recorder what they do (kernel calls, host writes and reads,
 * variable assignments, host callbacks), after doing it eagerly as always. Nothing is recorded
 * when no trace is active, which costs one null check per call.
 */
import type { Backend } from '../backend.js';
import type { BackendValues } from '../dtype.js';
import type { KernelName, OutputInfo } from '../kernels/signatures.js';
import type { DataHandle, Tensor, Variable } from '../tensor.js';

/** A backend kernel function as the plan calls it. */
export type KernelFn = (backend: Backend, inputs: never, attrs: never, out: OutputInfo) => unknown;

/** One kernel call as dispatch made it: the backend's function, the op's inputs by key, its attrs. */
export interface KernelRecord {
  readonly kernel: KernelName;
  readonly fn: KernelFn;
  readonly backendName: string;
  readonly backend: Backend;
  /** The op's inputs by key (a tensor, or a list of them), as dispatch handed them to the backend. */
  readonly inputs: Readonly<Record<string, Tensor | readonly Tensor[] | undefined>>;
  readonly attrs: object;
  /** Recomputes the attrs at each replay (an optimizer's step count, an unseeded draw's seed). */
  readonly live?: () => object;
  readonly out: OutputInfo;
  /** The output tensor; null for an in-place kernel. */
  readonly output: Tensor | null;
  /** For an in-place kernel, the input keys it writes. */
  readonly written: readonly string[];
}

export interface Recorder {
  kernel(call: KernelRecord): void;
  /** Host values written into new storage (a constant of the step). */
  write(handle: DataHandle, values: BackendValues): void;
  /** The host read a tensor's values inside the step. */
  read(t: Tensor, api: string): void;
  assign(v: Variable, value: Tensor): void;
  /** A callback to run at this point of every replay (see `everyStep`). */
  host(fn: () => void): void;
}

let active: Recorder | null = null;

/** The recorder of the step being traced, if any. */
export function recorder(): Recorder | null {
  return active;
}

/** Runs `fn` with `r` recording; traces do not nest. */
export function recording<T>(r: Recorder, fn: () => T): T {
  const outer = active;
  active = r;
  try {
    return fn();
  } finally {
    active = outer;
  }
}
