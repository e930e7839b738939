/**
 * The engine: run-time switching (the registry itself is backend-registry.ts), tensor bookkeeping
 * and memory scopes, and the autodiff tape. Kernel calls go through dispatch.ts.
 */
import { assertFits, withOp } from './allocation.js';
import type { Tape } from './autodiff/tape.js';
import { recorder } from './compiled/hooks.js';
import type { ReplayHost } from './compiled/replay.js';
import type { Backend, BackendFactory, BackendMemory } from './backend.js';
import { BackendRegistry, type BackendStatus } from './backend-registry.js';
import { assertFirstCopy } from './core-copies.js';
import { bytesPerElement, type BackendValues, type DType } from './dtype.js';
import { Dispatcher } from './dispatch.js';
import { ShapeError, TensileError } from './errors.js';
import type { InPlaceKernel, OpInputs, TensorKernel } from './kernels/op-inputs.js';
import type { DataId, KernelAttrs, OutputInfo, TensorInfo } from './kernels/signatures.js';
import { moveAll, moveOne } from './moves.js';
import { formatShape, sizeFromShape, type Shape } from './shape.js';
import { Tensor, Variable, setTensorHost, type DataHandle } from './tensor.js';

export type { BackendStatus };

export interface MemoryInfo {
  numTensors: number;
  numDataBuffers: number;
  numBytes: number;
  /** Tensors garbage-collected without `dispose()` whose data the safety net freed. */
  numCollected: number;
  backends: Record<string, BackendMemory>;
}

interface Scope {
  readonly tracked: Tensor[];
}

export class Engine implements ReplayHost {
  private readonly backends = new BackendRegistry();
  private readonly liveHandles = new Set<DataHandle>();
  private readonly scopes: Scope[] = [];
  private numTensors = 0;
  private numCollected = 0;
  /** The last `setBackend` asked for; the next one starts when it has settled. */
  private switching: Promise<void> = Promise.resolve();
  /** @internal the tape being recorded, if a gradient is being taken. */
  tape: Tape | null = null;
  private readonly finalizer = new FinalizationRegistry<DataHandle>((handle) => {
    this.numTensors--;
    this.numCollected++;
    this.releaseHandle(handle);
  });

  // ---- registry ----------------------------------------------------------------------------

  registerBackend(name: string, factory: BackendFactory, priority = 1): boolean {
    assertFirstCopy('registerBackend', `backend '${name}'`);
    return this.backends.register(name, factory, priority);
  }

  /** Forgets a backend; disposes it if it was started. Tensors still on it must be moved first. */
  removeBackend(name: string): void {
    if (!this.backends.has(name)) return;
    for (const h of this.liveHandles) {
      if (h.backendName === name) {
        throw new TensileError(`removeBackend: '${name}' still holds tensors; move them with setBackend() or dispose them first`);
      }
    }
    this.backends.remove(name);
  }

  listBackends(): BackendStatus[] {
    return this.backends.list();
  }

  /** Starts the best registered backend that can start here (highest priority first). */
  ready(): Promise<void> {
    return this.backends.ready();
  }

  getBackend(): string {
    return this.backends.activeOrAuto();
  }

  /** The active backend instance. */
  backend(): Backend {
    return this.backendInstance(this.getBackend());
  }

  /** What the active backend is busy with (see `Backend.status`); undefined when nothing, or when
   *  no backend has started yet. */
  backendStatus(): string | undefined {
    return this.backends.activeInstance()?.status?.();
  }

  /**
   * Makes `name` the active backend and moves every live tensor (weights, optimizer state) to it.
   * Calls queue: each starts when the previous one has settled, so the last one asked for wins.
   * Until this one commits, ops keep running on the old backend; the move takes every tensor
   * alive when it commits, those made meanwhile included (moves.ts).
   */
  setBackend(name: string): Promise<void> {
    const run = this.switching.then(() => this.switchTo(name));
    this.switching = run.catch(() => undefined);
    return run;
  }

  private async switchTo(name: string): Promise<void> {
    const backend = await this.backends.startByName(name, 'setBackend');
    await moveAll(this.liveHandles, { name, backend }, () => {
      this.backends.activeName = name;
    });
  }

  private backendInstance(name: string): Backend {
    return this.backends.instance(name);
  }

  // ---- tensors and memory -----------------------------------------------------------------

  /** A new tensor holding a copy of `values`, on the active backend; `op` names the caller in errors. */
  makeTensor(values: BackendValues, shape: Shape, dtype: DType, op: string): Tensor {
    const name = this.getBackend();
    const backend = this.backendInstance(name);
    const what = `a tensor of shape ${formatShape(shape)} ${dtype}`;
    assertFits(op, what, name, backend, values.length, dtype);
    let dataId: DataId;
    try {
      dataId = backend.write(values, dtype);
    } catch (err) {
      throw withOp(err, op, what);
    }
    const t = this.wrap(this.newHandle(name, backend, dataId, dtype, values.length), shape, dtype);
    recorder()?.write(t.handle, values);
    return t;
  }

  /** Throws before an op builds its values in JS when the active backend could not store them. */
  checkAllocation(op: string, shape: Shape, dtype: DType): void {
    const name = this.getBackend();
    assertFits(op, `a tensor of shape ${formatShape(shape)} ${dtype}`, name, this.backendInstance(name), sizeFromShape(shape), dtype);
  }

  makeVariable(initial: Tensor, trainable: boolean, name: string | undefined): Variable {
    initial.throwIfDisposed('variable');
    initial.handle.refCount++;
    const v = new Variable(initial.shape, initial.dtype, initial.handle, name, trainable);
    this.registerTensor(v, false);
    return v;
  }

  /** A view of `x` with another shape (same data; metadata only). */
  reshape(x: Tensor, shape: Shape): Tensor {
    x.throwIfDisposed('reshape');
    if (sizeFromShape(shape) !== x.size) {
      throw new ShapeError(
        `reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(shape)} (${sizeFromShape(shape)} elements)`,
      );
    }
    x.handle.refCount++;
    const y = this.wrap(x.handle, shape, x.dtype, false);
    if (this.tape && x.dtype === 'float32') {
      const inShape = x.shape;
      this.tape.record({ name: 'reshape', inputs: [x], output: y, backward: (dy) => [this.reshape(dy, inShape)] });
    }
    return y;
  }

  private newHandle(backendName: string, backend: Backend, dataId: DataId, dtype: DType, size: number): DataHandle {
    const handle: DataHandle = { backendName, backend, dataId, dtype, size, refCount: 0, version: 0 };
    this.liveHandles.add(handle);
    return handle;
  }

  private wrap(handle: DataHandle, shape: Shape, dtype: DType, fresh = true): Tensor {
    if (fresh) handle.refCount++;
    const t = new Tensor(shape, dtype, handle);
    this.registerTensor(t, true);
    return t;
  }

  private registerTensor(t: Tensor, track: boolean): void {
    this.numTensors++;
    // A tensor its scope tracks cannot be collected before the scope ends (the scope holds it),
    // so the safety net is needed only by tensors that outlive their scopes: they are guarded
    // then, and the many intermediates a step makes never touch the FinalizationRegistry.
    if (track && this.scopes.length > 0) this.scopes[this.scopes.length - 1].tracked.push(t);
    else this.guard(t);
  }

  /** Puts `t` under the FinalizationRegistry, which frees its data if it is collected undisposed. */
  private guard(t: Tensor): void {
    if (t.guarded) return;
    t.guarded = true;
    this.finalizer.register(t, t.handle, t);
  }

  /** @internal */
  disposeTensor(t: Tensor): void {
    if (t.disposed) return;
    t.disposed = true;
    if (t.guarded) this.finalizer.unregister(t);
    this.numTensors--;
    this.releaseHandle(t.handle);
  }

  private releaseHandle(handle: DataHandle): void {
    handle.refCount--;
    if (handle.refCount === 0) {
      this.liveHandles.delete(handle);
      handle.backend.disposeData(handle.dataId);
    }
  }

  /** @internal Runs after the `setBackend` calls made before it, so moves happen in call order. */
  async moveTensor(t: Tensor, name: string): Promise<void> {
    await this.switching;
    const backend = await this.backends.startByName(name, 'to');
    await moveOne(() => t.handle, { name, backend });
  }

  /** @internal */
  readValues(t: Tensor): Promise<BackendValues> {
    recorder()?.read(t, 'data');
    return t.handle.backend.read(t.handle.dataId);
  }

  /** @internal */
  readValuesSync(t: Tensor): BackendValues {
    recorder()?.read(t, 'dataSync');
    const b = t.handle.backend;
    if (!b.capabilities.syncRead || !b.readSync) {
      throw new TensileError(
        `dataSync: the '${t.handle.backendName}' backend cannot read synchronously; use \`await t.data()\` or \`await t.array()\``,
      );
    }
    return b.readSync(t.handle.dataId);
  }

  /** @internal */
  assignVariable(v: Variable, value: Tensor): void {
    value.throwIfDisposed('assign');
    if (value.dtype !== v.dtype || value.shape.length !== v.shape.length || value.shape.some((d, i) => d !== v.shape[i])) {
      throw new ShapeError(
        `assign: variable '${v.name}' is ${formatShape(v.shape)} ${v.dtype}, got ${formatShape(value.shape)} ${value.dtype}`,
      );
    }
    if (value.handle === v.handle) return;
    value.handle.refCount++;
    const old = v.handle;
    v.handle = value.handle;
    if (v.guarded) {
      this.finalizer.unregister(v);
      this.finalizer.register(v, v.handle, v);
    }
    this.releaseHandle(old);
    recorder()?.assign(v, value);
  }

  memory(): MemoryInfo {
    let numBytes = 0;
    for (const h of this.liveHandles) numBytes += h.size * bytesPerElement(h.dtype);
    const backends: Record<string, BackendMemory> = {};
    for (const [name, backend] of this.backends.started()) backends[name] = backend.memory();
    return { numTensors: this.numTensors, numDataBuffers: this.liveHandles.size, numBytes, numCollected: this.numCollected, backends };
  }

  // ---- scopes -------------------------------------------------------------------------------

  /** Runs `fn`, then disposes every tensor it made except those it returns or `keep`s. */
  tidy<T>(fn: () => T): T {
    const scope: Scope = { tracked: [] };
    this.scopes.push(scope);
    let result: T;
    try {
      result = fn();
    } catch (err) {
      this.scopes.pop();
      this.endScope(scope, new Set());
      throw err;
    }
    this.scopes.pop();
    if (result instanceof Promise) {
      throw new TensileError('tidy: the function must be synchronous (it returned a Promise); await outside tidy');
    }
    const results = new Set<Tensor>();
    collectTensors(result, results);
    this.endScope(scope, results);
    return result;
  }

  private endScope(scope: Scope, results: Set<Tensor>): void {
    const parent = this.scopes.length > 0 ? this.scopes[this.scopes.length - 1] : null;
    for (const t of scope.tracked) {
      if (t.disposed) continue;
      if (t.kept) {
        this.guard(t);
      } else if (results.has(t) || this.tape?.saved.has(t)) {
        if (parent) parent.tracked.push(t);
        else this.guard(t);
      } else {
        this.disposeTensor(t);
      }
    }
  }

  keep<T extends Tensor>(t: T): T {
    t.kept = true;
    return t;
  }

  // ---- kernels (dispatch.ts) ------------------------------------------------------------------

  private readonly dispatcher = new Dispatcher({
    tape: () => this.tape,
    active: () => {
      const name = this.getBackend();
      return { name, backend: this.backendInstance(name) };
    },
    adopt: (at, dataId, out) =>
      this.wrap(this.newHandle(at.name, at.backend, dataId, out.dtype, sizeFromShape(out.shape)), out.shape, out.dtype),
    unshare: (t) => this.unshare(t),
  });

  /** `live`, where attrs change from call to call (a seed drawn per call), recomputes them in a compiled step's replays. */
  runKernel<K extends TensorKernel>(name: K, inputs: OpInputs<K>, attrs: KernelAttrs<K>, live?: () => KernelAttrs<K>): Tensor {
    return this.dispatcher.runKernel(name, inputs, attrs, live);
  }

  /** Runs an in-place optimizer kernel (or its decomposition); written inputs are unshared first. */
  runInPlace<K extends InPlaceKernel>(name: K, inputs: OpInputs<K>, attrs: KernelAttrs<K>, live?: () => KernelAttrs<K>): void {
    this.dispatcher.runInPlace(name, inputs, attrs, live);
  }

  /** @internal A tensor over storage a compiled step's replay made (compiled/replay.ts). */
  adopt(backendName: string, backend: Backend, dataId: DataId, out: OutputInfo): Tensor {
    return this.wrap(this.newHandle(backendName, backend, dataId, out.dtype, sizeFromShape(out.shape)), out.shape, out.dtype);
  }

  /** @internal What dispatch does to a variable before an in-place kernel writes it, for a replay. */
  prepareWrite(v: Variable): void {
    this.unshare(v);
    v.handle.version++;
  }

  /** @internal Drops a reference a compiled plan held on `handle` (its constants). */
  releaseStorage(handle: DataHandle): void {
    this.releaseHandle(handle);
  }

  /** Copy-on-write: gives `t` storage of its own before an in-place kernel writes it. */
  private unshare(t: Tensor): void {
    if (t.handle.refCount === 1) return;
    const h = t.handle;
    const cast = h.backend.kernels.cast;
    const info: TensorInfo = { dataId: h.dataId, shape: [h.size], dtype: h.dtype };
    const dataId = cast(h.backend, { x: info }, { dtype: h.dtype }, { shape: [h.size], dtype: h.dtype });
    const handle = this.newHandle(h.backendName, h.backend, dataId, h.dtype, h.size);
    handle.refCount = 1;
    t.handle = handle;
    if (t.guarded) {
      this.finalizer.unregister(t);
      this.finalizer.register(t, handle, t);
    }
    this.releaseHandle(h);
  }
}

function collectTensors(value: unknown, into: Set<Tensor>, depth = 0): void {
  if (value instanceof Tensor) into.add(value);
  else if (depth < 4 && Array.isArray(value)) for (const v of value) collectTensors(v, into, depth + 1);
  else if (depth < 4 && value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) collectTensors(v, into, depth + 1);
  }
}

/** The process's engine. */
export const ENGINE: Engine = new Engine();
setTensorHost(ENGINE);
