import type { BackendValues, DType } from './dtype.js';
import { DisposedError } from './errors.js';
import type { Backend } from './backend.js';
import type { DataId } from './kernels/signatures.js';
import { formatShape, sizeFromShape, stridesOf, type Shape } from './shape.js';
import type { TensorMethods } from './tensor-methods.js';

/**
 * Storage shared by a tensor and its reshaped views. When `setBackend` or `to()` moves data, only
 * the handle changes, so every view sees the move.
 */
export interface DataHandle {
  backendName: string;
  backend: Backend;
  dataId: DataId;
  readonly dtype: DType;
  readonly size: number;
  refCount: number;
  /** Bumped by every in-place kernel write, so a copy taken before it is known to be stale. */
  version: number;
}

/** The engine services a tensor needs; set by the engine so tensor.ts does not import it. */
export interface TensorHost {
  disposeTensor(t: Tensor): void;
  readValues(t: Tensor): Promise<BackendValues>;
  readValuesSync(t: Tensor): BackendValues;
  moveTensor(t: Tensor, backendName: string): Promise<void>;
  assignVariable(v: Variable, value: Tensor): void;
}

let host: TensorHost | undefined;
export function setTensorHost(h: TensorHost): void {
  host = h;
}
function engineHost(): TensorHost {
  if (!host) throw new Error('tensile: engine not initialised');
  return host;
}

// `Tensor[Symbol.dispose]` is in the shipped declarations, and `Symbol.dispose` is typed only by
// the `esnext.disposable` lib (or @types/node): declared here as TypeScript's lib declares it, so
// a consumer compiling for ES2022 with the default lib type-checks too; the declarations merge.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

let nextTensorId = 0;

export type NestedArray = number | boolean | NestedArray[];

/**
 * The chaining methods (`x.square().mean()`), typed from the ops they call; core's index installs
 * them on the prototype (tensor-methods.ts), since the ops import this file.
 */
export interface Tensor extends TensorMethods {}

/** An immutable n-dimensional array whose data lives in one backend. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface's members are installed on the prototype when core loads
export class Tensor {
  readonly id = nextTensorId++;
  readonly shape: Shape;
  readonly dtype: DType;
  readonly size: number;
  /** @internal */ handle: DataHandle;
  /** @internal */ disposed = false;
  /** @internal set by `keep()`: `tidy` leaves the tensor alive. */ kept = false;
  /** @internal whether the engine's FinalizationRegistry watches it (engine.ts, `guard`). */ guarded = false;

  /** @internal Tensors are made by ops; use `tensor()`. */
  constructor(shape: Shape, dtype: DType, handle: DataHandle) {
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.size = sizeFromShape(shape);
    this.handle = handle;
  }

  get rank(): number {
    return this.shape.length;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Name under which the backend holding the data is registered. */
  get backendName(): string {
    return this.handle.backendName;
  }

  /** @internal */ throwIfDisposed(op: string): void {
    if (this.disposed) throw new DisposedError(`${op}: tensor ${this.id} ${formatShape(this.shape)} was disposed`);
  }

  /** A copy of the values, in row-major order. */
  data(): Promise<BackendValues> {
    this.throwIfDisposed('data');
    return engineHost().readValues(this);
  }

  /** Synchronous read; only on backends that can (cpu, wasm, cuda). Prefer `await data()`. */
  dataSync(): BackendValues {
    this.throwIfDisposed('dataSync');
    return engineHost().readValuesSync(this);
  }

  async array(): Promise<NestedArray> {
    return toNested(await this.data(), this.shape, this.dtype);
  }

  arraySync(): NestedArray {
    return toNested(this.dataSync(), this.shape, this.dtype);
  }

  /** Moves the data to another registered backend; views of the same data move with it. */
  async to(backendName: string): Promise<this> {
    this.throwIfDisposed('to');
    await engineHost().moveTensor(this, backendName);
    return this;
  }

  dispose(): void {
    if (!this.disposed) engineHost().disposeTensor(this);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  toString(): string {
    return `Tensor(${formatShape(this.shape)}, ${this.dtype}, ${this.handle.backendName})`;
  }
}

let nextVariableId = 0;

/** A trainable, mutable tensor: model weights and optimizer state. Not disposed by `tidy`. */
export class Variable extends Tensor {
  readonly name: string;
  trainable: boolean;

  /** @internal Use `variable()`. */
  constructor(shape: Shape, dtype: DType, handle: DataHandle, name: string | undefined, trainable: boolean) {
    super(shape, dtype, handle);
    this.name = name ?? `variable_${nextVariableId++}`;
    this.trainable = trainable;
  }

  /** Replaces the value; `value` must have the same shape and dtype. `value` stays usable. */
  assign(value: Tensor): void {
    this.throwIfDisposed('assign');
    engineHost().assignVariable(this, value);
  }
}

function toNested(values: BackendValues, shape: Shape, dtype: DType): NestedArray {
  const asValue = (v: number): number | boolean => (dtype === 'bool' ? v !== 0 : v);
  if (shape.length === 0) return asValue(values[0]) as NestedArray;
  const strides = stridesOf(shape);
  const build = (dim: number, offset: number): NestedArray[] => {
    const out: NestedArray[] = [];
    for (let i = 0; i < shape[dim]; i++) {
      const at = offset + i * strides[dim];
      out.push(dim === shape.length - 1 ? (asValue(values[at]) as NestedArray) : build(dim + 1, at));
    }
    return out;
  };
  return build(0, 0);
}
