import {
  AllocationError,
  ArgumentError,
  BackendError,
  BackendUnavailableError,
  DisposedError,
  bytesPerElement,
  sizeFromShape,
  type Backend,
  type BackendCapabilities,
  type BackendMemory,
  type BackendValues,
  type DataId,
  type DType,
  type OutputInfo,
  type TensorInfo,
} from '@tensile/core';
import { acquireDevice, findGpu, isNode, type AcquiredDevice, type GpuEntry } from './device.js';
import { CommandBatcher, DEFAULT_BATCH_SIZE, MAX_STAGED_UPLOAD } from './encoder.js';
import { webgpuKernels } from './kernels/index.js';
import { PipelineCache, type Program } from './pipelines.js';
import { checkProfileOptions, resolveProfile, type WebGpuProfile, type WebGpuProfileOptions } from './profile.js';
import { ReadPacer } from './read-pacer.js';
import { BufferPool, MAP_MODE_READ, bufferLimits, largestRequest } from './storage.js';

export interface WebGpuBackendOptions {
  /** A WebGPU entry point: `navigator.gpu`, or in Node the object from the `webgpu` package's
   *  `create([])`. Found automatically when left out. */
  readonly gpu?: GpuEntry;
  /** Accept a software adapter (llvmpipe, SwiftShader). Auto-selection never does. */
  readonly allowSoftware?: boolean;
  readonly powerPreference?: GPUPowerPreference;
  /** Dispatches recorded before a submit is forced (default 256). */
  readonly batchSize?: number;
  /** Overrides for the tuning profile, which is otherwise chosen from the adapter (see
   *  `WebGpuProfile`), e.g. `{gemm: 'tiled'}`. */
  readonly profile?: WebGpuProfileOptions;
}

/** Every option, so that the compiler notices one added to the interface but not here. */
const OPTIONS: { readonly [K in keyof WebGpuBackendOptions]-?: true } = {
  gpu: true,
  allowSoftware: true,
  powerPreference: true,
  batchSize: true,
  profile: true,
};

interface Stored {
  readonly buffer: GPUBuffer;
  readonly dtype: DType;
  readonly size: number;
  /** Host copy of small int32 uploads, so gather can validate indices without a readback. */
  readonly host?: Int32Array;
}

interface Live {
  readonly device: GPUDevice;
  readonly pool: BufferPool;
  readonly pipelines: PipelineCache;
  readonly batcher: CommandBatcher;
}

const HOST_COPY_LIMIT = 1 << 16;

/**
 * WGSL compute kernels over GPU buffers. Kernels record dispatches into a shared command encoder;
 * nothing comes back from the GPU until `read()`, which is async (no `readSync`).
 */
export class WebGpuBackend implements Backend {
  readonly kind = 'webgpu';
  readonly capabilities: BackendCapabilities = { syncRead: false };
  readonly kernels = webgpuKernels;
  /** The most bytes one tensor's buffer may hold on this device (bound as storage, after the
   *  pool's bucket rounding); set by `init`. */
  maxTensorBytes = 0;
  /** The adapter in use, as `vendor / architecture / device / description`. */
  adapterName = '';
  /** Whether that adapter is a software rasterizer. */
  isSoftware = false;

  private resolved: WebGpuProfile | null = null;
  private readonly profileOptions: WebGpuProfileOptions;

  private gpu: GpuEntry | null;
  private live: Live | null = null;
  private readonly data = new Map<DataId, Stored>();
  private numBytes = 0;
  private lost: BackendError | null = null;
  private readonly errors: string[] = [];
  private disposed = false;
  private placeholderBuffer: GPUBuffer | null = null;
  /** Set on a software adapter in Node (see read-pacer.ts). */
  private pacer: ReadPacer | null = null;

  constructor(private readonly options: WebGpuBackendOptions = {}) {
    for (const [key, value] of Object.entries(options)) {
      if (Object.hasOwn(OPTIONS, key)) continue;
      // The GEMM used to be a top-level option.
      const hint =
        key === 'gemm'
          ? `; the GEMM is a profile field now: {profile: {gemm: ${typeof value === 'string' ? `'${value}'` : String(value)}}}`
          : '';
      throw new ArgumentError(`createWebGpuBackend: unknown option '${key}'; the options are ${Object.keys(OPTIONS).join(', ')}${hint}`);
    }
    this.profileOptions = options.profile === undefined ? {} : checkProfileOptions(options.profile);
    this.gpu = options.gpu ?? null;
  }

  /** The kernel paths this backend takes (see `WebGpuProfile`): chosen from the adapter in
   *  `init()`, with the `profile` option's fields on top. */
  get profile(): WebGpuProfile {
    if (this.resolved === null) {
      throw new BackendUnavailableError('webgpu: the profile is chosen from the adapter; await init() first');
    }
    return this.resolved;
  }

  async init(): Promise<void> {
    if (this.live !== null) return;
    const gpu = await findGpu(this.options.gpu);
    this.gpu = gpu;
    let acquired: AcquiredDevice;
    try {
      acquired = await acquireDevice(gpu, {
        allowSoftware: this.options.allowSoftware === true,
        powerPreference: this.options.powerPreference,
      });
    } catch (err) {
      // Drop Dawn's instance, or the Node process cannot exit.
      this.gpu = null;
      throw err;
    }
    const { device } = acquired;
    this.adapterName = acquired.facts.name;
    this.isSoftware = acquired.software;
    this.resolved = resolveProfile(acquired.facts, isNode(), this.profileOptions);
    this.pacer = this.resolved.paceReads ? new ReadPacer() : null;
    device.onuncapturederror = (ev: GPUUncapturedErrorEvent) => this.errors.push(ev.error.message);
    void device.lost.then((info) => {
      if (!this.disposed) {
        this.lost = new BackendError(
          `webgpu: the device was lost (${info.reason}): ${info.message}; its tensors are gone, create the backend again`,
        );
      }
    });
    const limits = bufferLimits(device.limits);
    this.maxTensorBytes = largestRequest(limits.storage);
    const pool = new BufferPool(device, limits);
    const pipelines = new PipelineCache(device);
    const batcher = new CommandBatcher(
      device,
      pool,
      (e) => this.errors.push(e.message),
      this.options.batchSize ?? DEFAULT_BATCH_SIZE,
      (keys) => pipelines.compiled(keys),
    );
    pool.onDestroy = (buffer) => batcher.bindGroups.forget(buffer);
    this.live = { device, pool, pipelines, batcher };
  }

  /** Every dtype takes 32 bits per element on the GPU (bool as u32: WGSL has no 8-bit storage). */
  storageBytes(size: number, _dtype: DType): number {
    return size * 4;
  }

  write(values: BackendValues, dtype: DType): DataId {
    const { device, pool, batcher } = this.ready();
    const size = values.length;
    const bytes = this.storageBytes(size, dtype);
    if (bytes > this.maxTensorBytes) {
      throw new AllocationError(
        `webgpu: write: ${size} ${dtype} values need ${bytes} bytes; the webgpu backend allocates at most ${this.maxTensorBytes} bytes per tensor on this device`,
      );
    }
    const upload = toStorageArray(values, dtype);
    const host = dtype === 'int32' && size <= HOST_COPY_LIMIT && upload instanceof Int32Array ? upload.slice() : undefined;
    if (upload.byteLength <= MAX_STAGED_UPLOAD) {
      // Small: staged and copied in order with the recorded dispatches (no submit, any buffer).
      const buffer = pool.acquireForKernel(upload.byteLength);
      if (size > 0) batcher.upload(buffer, new Uint8Array(upload.buffer, upload.byteOffset, upload.byteLength));
      return this.adopt(buffer, dtype, size, host);
    }
    let buffer = pool.acquireForUpload(upload.byteLength);
    if (buffer === null) {
      // Every free buffer of this size was freed in the open batch: submit it, then reuse.
      batcher.flush();
      buffer = pool.acquireForUpload(upload.byteLength);
      if (buffer === null) {
        throw new BackendError(`webgpu: write: no ${upload.byteLength}-byte buffer is free for an upload even after a submit`);
      }
    }
    device.queue.writeBuffer(buffer, 0, upload);
    return this.adopt(buffer, dtype, size, host);
  }

  async read(dataId: DataId): Promise<BackendValues> {
    const { pool, batcher } = this.ready();
    const stored = this.entry(dataId);
    if (stored.size === 0) {
      await this.settle();
      return makeStorage(stored.dtype, 0);
    }
    const bytes = stored.size * 4;
    const staging = pool.acquireStaging(bytes);
    batcher.copy(stored.buffer, staging, bytes);
    batcher.flush();
    const start = this.pacer === null ? 0 : await this.pacer.before();
    let raw: ArrayBuffer;
    try {
      await staging.mapAsync(MAP_MODE_READ, 0, bytes);
      this.pacer?.after(start);
      raw = staging.getMappedRange(0, bytes).slice(0);
      staging.unmap();
      pool.releaseStaging(staging);
    } catch (err) {
      await this.settle();
      throw new BackendError(`webgpu: reading a tensor back failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    await this.settle();
    if (stored.dtype === 'float32') return new Float32Array(raw);
    if (stored.dtype === 'int32') return new Int32Array(raw);
    return Uint8Array.from(new Uint32Array(raw), (v) => (v !== 0 ? 1 : 0));
  }

  disposeData(dataId: DataId): void {
    const stored = this.data.get(dataId);
    if (stored === undefined) return;
    this.data.delete(dataId);
    this.numBytes -= stored.size * bytesPerElement(stored.dtype);
    this.live?.pool.release(stored.buffer);
  }

  memory(): BackendMemory {
    const stats = this.live?.pool.getStats();
    return {
      numBytes: this.numBytes,
      numDataIds: this.data.size,
      gpuBytes: stats?.allocatedBytes ?? 0,
      pooledBytes: stats?.pooledBytes ?? 0,
      buffersCreated: stats?.buffersCreated ?? 0,
      pipelines: this.live?.pipelines.size ?? 0,
      pipelinesCompiling: this.live?.pipelines.compilingCount ?? 0,
      submits: this.live?.batcher.submits ?? 0,
      bindGroupsCreated: this.live?.batcher.bindGroups.created ?? 0,
    };
  }

  /** Says which pipelines are compiling (created, first dispatch not finished), if any. */
  status(): string | undefined {
    const keys = this.live?.pipelines.compilingKeys() ?? [];
    if (keys.length === 0) return undefined;
    const shown = keys.slice(0, 3).join(', ');
    return `compiling ${keys.length} GPU pipeline${keys.length === 1 ? '' : 's'} on first use (${shown}${keys.length > 3 ? ', ...' : ''})`;
  }

  dispose(): void {
    this.disposed = true;
    const live = this.live;
    this.live = null;
    this.data.clear();
    this.numBytes = 0;
    this.placeholderBuffer = null;
    if (live !== null) {
      live.batcher.destroy();
      live.pool.destroyAll();
      live.pipelines.clear();
      live.device.onuncapturederror = null;
      live.device.destroy();
    }
    // Without this reference Dawn's instance can be collected and the Node process can exit.
    this.gpu = null;
  }

  /** Submits recorded work now (reads do this themselves). */
  flush(): void {
    this.live?.batcher.flush();
  }

  // ---- used by kernels ---------------------------------------------------------------------

  /** The GPU buffer holding a tensor's data. */
  buffer(info: TensorInfo): GPUBuffer {
    return this.entry(info.dataId).buffer;
  }

  /** The host copy of an int32 tensor uploaded with `write`, if it is small enough to keep one. */
  hostInts(info: TensorInfo): Int32Array | undefined {
    return this.entry(info.dataId).host;
  }

  /** New storage for a kernel's output. */
  output(out: OutputInfo): { dataId: DataId; buffer: GPUBuffer } {
    const size = sizeFromShape(out.shape);
    const buffer = this.ready().pool.acquireForKernel(size * 4);
    return { dataId: this.adopt(buffer, out.dtype, size), buffer };
  }

  /** A scratch buffer of `elements` 32-bit values; give it back with `releaseTemp` once the
   *  dispatches that use it are recorded. */
  temp(elements: number): GPUBuffer {
    return this.ready().pool.acquireForKernel(elements * 4);
  }

  /** A small buffer for bindings a shader declares but this dispatch does not read. */
  placeholder(): GPUBuffer {
    const live = this.ready();
    this.placeholderBuffer ??= live.pool.acquireForKernel(16);
    return this.placeholderBuffer;
  }

  releaseTemp(buffer: GPUBuffer): void {
    this.live?.pool.release(buffer);
  }

  /** Records one dispatch of `program`: storage buffers in binding order, then its uniforms. */
  run(program: Program, buffers: readonly GPUBuffer[], uniforms: readonly number[], groups: readonly [number, number, number]): void {
    const { pipelines, batcher } = this.ready();
    if (uniforms.length !== program.uniforms.length) {
      throw new BackendError(`webgpu: ${program.key} takes ${program.uniforms.length} uniforms, got ${uniforms.length}`);
    }
    batcher.open();
    this.pacer?.note(program.key, groups);
    const pipeline = pipelines.get(program);
    batcher.dispatch({ pipeline, buffers, uniformSpec: program.uniforms, uniforms, groups }, pipelines.isCompiling(program.key));
  }

  /** Records a copy of `bytes` from one buffer to another. */
  copy(src: GPUBuffer, dst: GPUBuffer, bytes: number): void {
    if (bytes > 0) this.ready().batcher.copy(src, dst, bytes);
  }

  private adopt(buffer: GPUBuffer, dtype: DType, size: number, host?: Int32Array): DataId {
    const dataId: DataId = {};
    this.data.set(dataId, host === undefined ? { buffer, dtype, size } : { buffer, dtype, size, host });
    this.numBytes += size * bytesPerElement(dtype);
    return dataId;
  }

  private entry(dataId: DataId): Stored {
    const stored = this.data.get(dataId);
    if (stored === undefined) {
      throw new DisposedError('webgpu: no data for this tensor; it was disposed, or it belongs to another backend');
    }
    return stored;
  }

  /** The device and its helpers; throws if the backend is unusable, or if the GPU reported an
   *  error since the last call (each error is reported once). */
  private ready(): Live {
    if (this.lost !== null) throw this.lost;
    if (this.live === null) {
      throw new BackendUnavailableError(
        this.disposed ? 'webgpu: the backend was disposed' : 'webgpu: the backend is not initialised; await init() first',
      );
    }
    this.throwErrors();
    return this.live;
  }

  private async settle(): Promise<void> {
    await this.live?.batcher.settled();
    if (this.lost !== null) throw this.lost;
    this.throwErrors();
  }

  private throwErrors(): void {
    if (this.errors.length === 0) return;
    const messages = this.errors.splice(0);
    throw new BackendError(
      `webgpu: the GPU reported ${messages.length === 1 ? 'an error' : `${messages.length} errors`}: ${messages.join(' | ')}`,
    );
  }
}

function makeStorage(dtype: DType, size: number): BackendValues {
  return dtype === 'float32' ? new Float32Array(size) : dtype === 'int32' ? new Int32Array(size) : new Uint8Array(size);
}

/** Values as the GPU stores them: float32 and int32 as they are, bool widened to u32 per element. */
function toStorageArray(
  values: BackendValues,
  dtype: DType,
): Float32Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer> {
  // A fresh copy either way: writeBuffer wants an ArrayBuffer-backed view, and a caller's array
  // may be of another type (converted as a typed-array store would: ToInt32 for int32).
  if (dtype === 'float32') return new Float32Array(values);
  if (dtype === 'int32') return new Int32Array(values);
  return Uint32Array.from(values, (v) => (v !== 0 ? 1 : 0));
}

export function createWebGpuBackend(options: WebGpuBackendOptions = {}): WebGpuBackend {
  return new WebGpuBackend(options);
}
