/**
 * Kernel dispatch: what happens between an op's `runKernel` and the tensor it gets back. Where the
 * call runs, the spec's checks and output inference, the allocation limit, the backend's kernel
 * or core's decomposition when the backend lacks an optional kernel, and the tape record. The
 * engine (engine.ts) owns tensors, storage handles and scopes, and lends dispatch what it needs
 * of them through `DispatchHost`.
 */
import { assertFits, withOp } from './allocation.js';
import type { Tape } from './autodiff/tape.js';
import { recorder } from './compiled/hooks.js';
import type { Backend } from './backend.js';
import { BackendMismatchError, TensileError } from './errors.js';
import type { GradientSpec } from './gradients/define.js';
import { GRADIENTS } from './gradients/index.js';
import { WRITTEN_INPUTS, type InPlaceKernel, type OpInputs, type TensorKernel } from './kernels/op-inputs.js';
import type { DataId, KernelArgs, KernelAttrs, KernelName, OutputInfo, TensorInfo } from './kernels/signatures.js';
import { kernelSpecs } from './kernels/specs.js';
import { DECOMPOSITIONS } from './ops/decompositions/index.js';
import { formatShape, sizeFromShape } from './shape.js';
import { Tensor } from './tensor.js';

/** A backend by its registry name. */
export interface Located {
  readonly name: string;
  readonly backend: Backend;
}

/** What dispatch needs of the engine. */
export interface DispatchHost {
  /** The tape being recorded, if a gradient is being taken. */
  tape(): Tape | null;
  /** Where a kernel without tensor inputs runs. */
  active(): Located;
  /** A new tensor over the storage a kernel just made. */
  adopt(at: Located, dataId: DataId, out: OutputInfo): Tensor;
  /** Gives `t` storage of its own before an in-place kernel writes it. */
  unshare(t: Tensor): void;
}

/** Whose code made a kernel call: a kernel's gradient, or a decomposition standing in for a kernel. */
export interface KernelCaller {
  readonly kind: 'gradient' | 'decomposition';
  readonly kernel: KernelName;
}

/** One kernel call, as `observeDispatch` reports it. */
export interface KernelCall {
  readonly kernel: KernelName;
  /** The registry name of the backend it ran on. */
  readonly backend: string;
  /** `decomposition`: the backend has no such kernel and core's composition ran instead. */
  readonly ran: 'kernel' | 'decomposition';
  /** The innermost gradient or decomposition running when the call was made; null for an op. */
  readonly caller: KernelCaller | null;
}

/** Told of each kernel call, and of each gradient thunk the backward pass runs. */
export interface DispatchObserver {
  call(call: KernelCall): void;
  /** A gradient of `kernel` computed an input's gradient (the tape needed it). */
  gradient(kernel: KernelName): void;
  /**
   * A backend kernel returned (decompositions are told through their parts): its inputs, its
   * output (null for an in-place kernel), and the milliseconds the backend's kernel function took.
   */
  done?(call: KernelCall, op: string, inputs: readonly Tensor[], output: Tensor | null, ms: number): void;
}

const observers = new Set<DispatchObserver>();
const callers: KernelCaller[] = [];

/**
 * Tells `observer` of every kernel call and gradient from now until the returned function is
 * called. For tests of the contract (which kernels a gradient calls, that a decomposition ran);
 * one size check per call when nobody observes.
 */
export function observeDispatch(observer: DispatchObserver): () => void {
  observers.add(observer);
  return () => {
    observers.delete(observer);
  };
}

function notify(kernel: KernelName, at: Located, ran: KernelCall['ran']): KernelCall | null {
  if (observers.size === 0) return null;
  const call: KernelCall = { kernel, backend: at.name, ran, caller: callers.length > 0 ? callers[callers.length - 1] : null };
  for (const observer of observers) observer.call(call);
  return call;
}

function notifyDone(call: KernelCall | null, op: string, inputs: readonly Tensor[], output: Tensor | null, start: number): void {
  if (call === null) return;
  const ms = performance.now() - start;
  for (const observer of observers) observer.done?.(call, op, inputs, output, ms);
}

function within<T>(caller: KernelCaller, fn: () => T): T {
  callers.push(caller);
  try {
    return fn();
  } finally {
    callers.pop();
  }
}

/*
 * Views of the kernel and decomposition tables that split tensor kernels from in-place ones, so
 * a lookup by a generic kernel name has a return type the compiler can use (a DataId or a Tensor,
 * rather than a conditional type it cannot resolve for a generic name).
 */
type TensorKernelFns = {
  readonly [K in TensorKernel]?: (backend: Backend, inputs: KernelArgs<K, TensorInfo>, attrs: KernelAttrs<K>, out: OutputInfo) => DataId;
};
type InPlaceKernelFns = {
  readonly [K in InPlaceKernel]?: (backend: Backend, inputs: KernelArgs<K, TensorInfo>, attrs: KernelAttrs<K>, out: OutputInfo) => void;
};
const TENSOR_DECOMPOSITIONS: { readonly [K in TensorKernel]?: (inputs: OpInputs<K>, attrs: KernelAttrs<K>) => Tensor } = DECOMPOSITIONS;
const IN_PLACE_DECOMPOSITIONS: { readonly [K in InPlaceKernel]: (inputs: OpInputs<K>, attrs: KernelAttrs<K>) => void } = DECOMPOSITIONS;

export class Dispatcher {
  constructor(private readonly host: DispatchHost) {}

  runKernel<K extends TensorKernel>(name: K, inputs: OpInputs<K>, attrs: KernelAttrs<K>, live?: () => KernelAttrs<K>): Tensor {
    const list = inputList(inputs);
    const at = this.locate(name, list);
    const out = kernelSpecs[name].infer(inputs, attrs);
    const kernels: TensorKernelFns = at.backend.kernels;
    const fn = kernels[name];
    if (fn === undefined) {
      const decompose = TENSOR_DECOMPOSITIONS[name];
      if (decompose === undefined) throw new TensileError(`${name}: backend '${at.name}' has no kernel for it`);
      notify(name, at, 'decomposition');
      // A decomposition is built from ops, so the tape records its parts and needs no gradient of its own.
      return within({ kind: 'decomposition', kernel: name }, () => decompose(inputs, attrs));
    }
    const call = notify(name, at, 'kernel');
    const op = opName(name, attrs);
    const what = `output of shape ${formatShape(out.shape)} ${out.dtype}`;
    assertFits(op, what, at.name, at.backend, sizeFromShape(out.shape), out.dtype);
    let dataId: DataId;
    const start = call === null ? 0 : performance.now();
    try {
      dataId = fn(at.backend, toInfos(inputs), attrs, out);
    } catch (err) {
      throw withOp(err, op, what);
    }
    const y = this.host.adopt(at, dataId, out);
    recorder()?.kernel({ kernel: name, fn, backendName: at.name, backend: at.backend, inputs, attrs, live, out, output: y, written: [] });
    notifyDone(call, op, list, y, start);
    const tape = this.host.tape();
    if (tape && y.dtype === 'float32') record(tape, name, inputs, attrs, list, y);
    return y;
  }

  /** Runs an in-place optimizer kernel (or its decomposition); written inputs are unshared first. */
  runInPlace<K extends InPlaceKernel>(name: K, inputs: OpInputs<K>, attrs: KernelAttrs<K>, live?: () => KernelAttrs<K>): void {
    const list = inputList(inputs);
    const at = this.locate(name, list);
    const out = kernelSpecs[name].infer(inputs, attrs);
    const kernels: InPlaceKernelFns = at.backend.kernels;
    const fn = kernels[name];
    if (fn === undefined) {
      notify(name, at, 'decomposition');
      within({ kind: 'decomposition', kernel: name }, () => IN_PLACE_DECOMPOSITIONS[name](inputs, attrs));
      return;
    }
    const call = notify(name, at, 'kernel');
    for (const key of WRITTEN_INPUTS[name]) {
      const t = inputs[key];
      if (t instanceof Tensor) {
        this.host.unshare(t);
        // A move in progress (moves.ts) copies it again rather than commit the values from before.
        t.handle.version++;
      }
    }
    const start = call === null ? 0 : performance.now();
    fn(at.backend, toInfos(inputs), attrs, out);
    recorder()?.kernel({
      kernel: name,
      fn,
      backendName: at.name,
      backend: at.backend,
      inputs,
      attrs,
      live,
      out,
      output: null,
      written: WRITTEN_INPUTS[name],
    });
    notifyDone(call, name, list, null, start);
  }

  /** The backend holding the inputs (the active one when there are none); they must share one. */
  private locate(name: string, list: readonly Tensor[]): Located {
    let found: Tensor | null = null;
    for (const t of list) {
      t.throwIfDisposed(name);
      if (found && t.handle.backend !== found.handle.backend) {
        const where = list.map((u) => `'${u.handle.backendName}'`).join(', ');
        throw new BackendMismatchError(
          `${name}: inputs live on different backends (${where}); move them explicitly with \`await t.to('${this.host.active().name}')\` or move everything with \`await setBackend(name)\``,
        );
      }
      found = t;
    }
    return found ? { name: found.handle.backendName, backend: found.handle.backend } : this.host.active();
  }
}

/** Puts the call on the tape, with its gradient (or none, for a kernel the gradient table says has none). */
function record<K extends TensorKernel>(
  tape: Tape,
  name: K,
  inputs: OpInputs<K>,
  attrs: KernelAttrs<K>,
  list: readonly Tensor[],
  y: Tensor,
): void {
  const entry = GRADIENTS[name];
  const backward =
    'none' in entry
      ? null
      : (dy: Tensor, needed: readonly boolean[]) =>
          within({ kind: 'gradient', kernel: name }, () => inputGradients(entry, dy, inputs, attrs, y, needed));
  tape.record({ name, inputs: list, output: y, backward });
}

/** One gradient (or null) per tensor of `inputList(inputs)`, in that order; thunks run only where needed. */
function inputGradients<K extends TensorKernel>(
  spec: GradientSpec<K>,
  dy: Tensor,
  inputs: OpInputs<K>,
  attrs: KernelAttrs<K>,
  y: Tensor,
  needed: readonly boolean[],
): (Tensor | null)[] {
  const thunks = new Map<string, unknown>(Object.entries(spec.backward(dy, inputs, attrs, y)));
  const out: (Tensor | null)[] = [];
  for (const [key, tensors] of inputEntries(inputs)) {
    const first = out.length;
    const wanted = tensors.some((t, i) => needed[first + i] && t.dtype === 'float32');
    const thunk = thunks.get(key);
    let g: unknown = null;
    if (wanted && typeof thunk === 'function') {
      for (const observer of observers) observer.gradient(spec.kernel);
      g = thunk();
    }
    if (g instanceof Tensor) out.push(g);
    else if (Array.isArray(g)) out.push(...tensorsIn('a gradient thunk', g));
    else out.push(...tensors.map(() => null));
  }
  return out;
}

function tensorsIn(what: string, values: readonly unknown[]): Tensor[] {
  return values.map((v) => {
    if (!(v instanceof Tensor)) throw new TensileError(`dispatch: ${what} holds ${typeof v} where a list of tensors was expected`);
    return v;
  });
}

/**
 * An op's inputs by key, in key order, each as a list (one tensor, or an array input's tensors);
 * absent optional inputs left out. Object.entries cannot type a generic mapped type's values,
 * so they are checked here rather than cast.
 */
function inputEntries<K extends KernelName>(inputs: OpInputs<K>): [string, readonly Tensor[]][] {
  const out: [string, readonly Tensor[]][] = [];
  for (const [key, value] of Object.entries(inputs)) {
    if (value instanceof Tensor) out.push([key, [value]]);
    else if (Array.isArray(value)) out.push([key, tensorsIn(`input '${key}'`, value)]);
  }
  return out;
}

/** The op a kernel call serves, as users call it: `add` rather than `binary`, `sum` rather than `reduce`. */
function opName(kernel: string, attrs: object): string {
  return 'op' in attrs && typeof attrs.op === 'string' ? attrs.op : kernel;
}

/** An op's input tensors in key order, arrays flattened: the order of the tape's inputs. */
function inputList<K extends KernelName>(inputs: OpInputs<K>): Tensor[] {
  return inputEntries(inputs).flatMap(([, tensors]) => tensors);
}

function info(t: Tensor): TensorInfo {
  return { dataId: t.handle.dataId, shape: t.shape, dtype: t.dtype };
}

/**
 * The backend's view of an op's inputs: the same keys, each tensor replaced by its storage, shape
 * and dtype. The compiler cannot follow a mapped type built key by key, hence the one cast here,
 * over a loop that keeps every key.
 */
function toInfos<K extends KernelName>(inputs: OpInputs<K>): KernelArgs<K, TensorInfo> {
  const out: Record<string, TensorInfo | readonly TensorInfo[]> = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (value instanceof Tensor) out[key] = info(value);
    else if (Array.isArray(value)) out[key] = tensorsIn(`input '${key}'`, value).map(info);
  }
  return out as KernelArgs<K, TensorInfo>;
}
