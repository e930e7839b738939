import {
  AllocationError,
  ArgumentError,
  BackendUnavailableError,
  BINARY_OPS,
  DisposedError,
  FUSED_ACTIVATIONS,
  REDUCE_OPS,
  UNARY_OPS,
  type Backend,
  type BackendCapabilities,
  type BackendMemory,
  type BackendValues,
  type DataId,
  type DType,
  type TensorInfo,
} from '@tensile/core';
import { loadAddon, type Addon, type DeviceInfo, type NativeDevice } from './addon.js';
import { CUDA_KERNEL_NAMES, cudaKernels, type CudaKernelName } from './kernels/index.js';
import { CudaData, fromWords, HOST_COPY_LIMIT, toWords } from './storage.js';

export interface CudaBackendOptions {
  /**
   * Run the CUDA kernels' own code on the CPU over host memory instead of on a GPU: for testing
   * the kernels where there is no GPU (the conformance suite runs this way in CI). Slow; never
   * chosen automatically.
   */
  readonly emulate?: boolean;
}

// The largest block a kernel indexes with 32-bit arithmetic (element offsets below 2^31).
const MAX_TENSOR_BYTES = 0x7fff_ff00;

/**
 * Kernels in CUDA, in a Node-API addon with the CUDA runtime linked in statically. A `DataId` is a
 * `CudaData`: a handle to device memory from the addon's caching allocator. Kernels are queued on
 * one stream and nothing waits for the device inside a training step; `read` resolves from the
 * stream's completion without blocking Node's event loop.
 */
export class CudaBackend implements Backend {
  readonly kind = 'cuda';
  readonly capabilities: BackendCapabilities = { syncRead: true };
  readonly kernels = cudaKernels;
  maxTensorBytes = 0;
  /** What runs the kernels; set by `init`. */
  info: DeviceInfo | null = null;

  private device: NativeDevice | null = null;
  private kernelIndex: Readonly<Record<CudaKernelName, number>> | null = null;
  private numBytes = 0;
  private numDataIds = 0;

  constructor(private readonly options: CudaBackendOptions = {}) {
    checkOptions(options);
  }

  init(): void {
    if (this.device !== null) return;
    const loaded = loadAddon();
    if ('reason' in loaded) throw new BackendUnavailableError(`cuda: ${loaded.reason}`);
    const addon = loaded.addon;
    this.kernelIndex = checkBuild(addon);
    const emulate = this.options.emulate === true;
    if (!emulate) {
      const probe = addon.probe();
      if (!probe.ok) throw new BackendUnavailableError(`cuda: ${probe.reason}`);
    }
    try {
      this.device = new addon.Device(emulate);
    } catch (err) {
      throw new BackendUnavailableError(`cuda: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.info = this.device.info();
    this.maxTensorBytes = emulate ? MAX_TENSOR_BYTES : Math.min(MAX_TENSOR_BYTES, this.info.totalMemory);
  }

  storageBytes(size: number): number {
    return size * 4;
  }

  write(values: BackendValues, dtype: DType): DataId {
    const words = toWords(values, dtype);
    const data = this.allocate(
      values.length,
      dtype,
      dtype === 'int32' && values.length <= HOST_COPY_LIMIT ? Int32Array.from(words) : undefined,
    );
    this.live().write(data.handle, words);
    return data;
  }

  async read(dataId: DataId): Promise<BackendValues> {
    const data = this.data(dataId);
    const buffer = await this.live().read(data.handle, data.bytes);
    return fromWords(buffer, data.size, data.dtype);
  }

  readSync(dataId: DataId): BackendValues {
    const data = this.data(dataId);
    return fromWords(this.live().readSync(data.handle, data.bytes), data.size, data.dtype);
  }

  disposeData(dataId: DataId): void {
    const data = this.data(dataId, true);
    if (data.disposed) return;
    data.disposed = true;
    this.live().free(data.handle);
    this.numBytes -= data.bytes;
    this.numDataIds -= 1;
  }

  memory(): BackendMemory {
    const m = this.device?.memory();
    return {
      numBytes: this.numBytes,
      numDataIds: this.numDataIds,
      ...(m === undefined
        ? {}
        : {
            // The caching allocator: what live tensors' blocks take (rounded up to their size
            // buckets), what waits in its free lists for reuse, and how often it had to ask CUDA.
            deviceBlockBytes: m.device.inUseBytes,
            cachedBytes: m.device.cachedBytes,
            cudaMallocs: m.device.rawAllocs,
            reuses: m.device.reuses,
            pinnedBytes: m.staging.inUseBytes + m.staging.cachedBytes,
            pendingReads: m.pendingReads,
          }),
    };
  }

  dispose(): void {
    this.device?.dispose();
    this.device = null;
  }

  // ---- for the kernels ----

  /** Storage for a kernel's output, of `size` elements. */
  allocate(size: number, dtype: DType, hostInts?: Int32Array): CudaData {
    let handle: number;
    try {
      handle = this.live().alloc(size * 4);
    } catch (err) {
      if (isCode(err, 'CUDA_OUT_OF_MEMORY')) throw new AllocationError(`cuda: ${(err as Error).message}`);
      throw err;
    }
    this.numBytes += size * 4;
    this.numDataIds += 1;
    return new CudaData(handle, size, dtype, hostInts);
  }

  output(out: { readonly shape: readonly number[]; readonly dtype: DType }): CudaData {
    return this.allocate(sizeOf(out.shape), out.dtype);
  }

  data(dataId: DataId, allowDisposed = false): CudaData {
    if (!(dataId instanceof CudaData)) throw new DisposedError('cuda: storage from another backend was handed to the cuda backend');
    if (dataId.disposed && !allowDisposed) throw new DisposedError('cuda: the tensor was disposed');
    return dataId;
  }

  handle(t: TensorInfo): number {
    return this.data(t.dataId).handle;
  }

  /** Queues kernel `name`; buffers by handle (0 for an absent optional one). */
  run(name: CudaKernelName, handles: readonly number[], ints: readonly number[], floats: readonly number[] = []): void {
    const index = this.kernelIndex?.[name];
    if (index === undefined) throw new BackendUnavailableError('cuda: the backend is not started; await init() first');
    this.live().run(index, Uint32Array.from(handles), Int32Array.from(ints), Float64Array.from(floats));
  }

  /** Waits for the stream: only where a kernel must look at device data on the host. */
  readInts(t: TensorInfo): Int32Array {
    const data = this.data(t.dataId);
    if (data.hostInts !== undefined) return data.hostInts;
    return new Int32Array(this.live().readSync(data.handle, data.bytes), 0, data.size);
  }

  private live(): NativeDevice {
    if (this.device === null) throw new BackendUnavailableError('cuda: the backend is not started (or was disposed); await init() first');
    return this.device;
  }
}

const OPTIONS: { readonly [K in keyof CudaBackendOptions]-?: true } = { emulate: true };

/** Misspelt or mistyped options fail here, naming the option, rather than being ignored. */
function checkOptions(options: CudaBackendOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new ArgumentError(`createCudaBackend: options must be an object, got ${options === null ? 'null' : typeof options}`);
  }
  for (const key of Object.keys(options)) {
    if (!(key in OPTIONS)) throw new ArgumentError(`createCudaBackend: unknown option '${key}'; known: ${Object.keys(OPTIONS).join(', ')}`);
  }
  if (options.emulate !== undefined && typeof options.emulate !== 'boolean') {
    throw new ArgumentError(`createCudaBackend: emulate must be a boolean, got ${typeof options.emulate}`);
  }
}

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/**
 * The addon must have every kernel this package calls, and number the sub-ops as the installed
 * @tensile/core does (it was generated from core's lists when it was built): a stale addon would
 * compute the wrong op, so it is refused with what to rebuild.
 */
function checkBuild(addon: Addon): Record<CudaKernelName, number> {
  const names = addon.names();
  const lists: [string, readonly string[], string[]][] = [
    ['unary', UNARY_OPS, names.unary],
    ['binary', BINARY_OPS, names.binary],
    ['reduce', REDUCE_OPS, names.reduce],
    ['activation', FUSED_ACTIVATIONS, names.activation],
  ];
  for (const [what, core, built] of lists) {
    if (core.join() !== built.join()) {
      throw new BackendUnavailableError(
        `cuda: the addon was built for other ${what} ops (${built.join(', ')}) than this @tensile/core has (${core.join(', ')}); ` +
          'rebuild it with `npm run build:native -w @tensile/backend-cuda-node`',
      );
    }
  }
  const index = {} as Record<CudaKernelName, number>;
  for (const name of CUDA_KERNEL_NAMES) {
    const i = names.kernels.indexOf(name);
    if (i < 0)
      throw new BackendUnavailableError(
        `cuda: the addon has no '${name}' kernel; rebuild it with \`npm run build:native -w @tensile/backend-cuda-node\``,
      );
    index[name] = i;
  }
  return index;
}

export function createCudaBackend(options: CudaBackendOptions = {}): CudaBackend {
  return new CudaBackend(options);
}
