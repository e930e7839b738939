import {
  AllocationError,
  backendUtil,
  bytesPerElement,
  DisposedError,
  DTypeError,
  makeTypedArray,
  type Backend,
  type BackendCapabilities,
  type BackendMemory,
  type BackendValues,
  type DataId,
  type DType,
  type KernelTable,
  type TensorInfo,
} from '@tensile/core';
import { cpuKernels } from './kernels/index.js';

const dtypeOfArray = backendUtil.dtypeOfValues;

/**
 * Bytes one tensor may take: 2^31 - 1, just under 2 GiB, chosen (docs/architecture.md) rather
 * than the runtime's limit: V8 on 64-bit Node 20 would go on to 2^32 elements (16 GiB of
 * float32) and fill them before anyone learns the size was a typo.
 */
export const CPU_MAX_TENSOR_BYTES = 2 ** 31 - 1;

interface Stored {
  values: BackendValues;
  dtype: DType;
}

/**
 * The reference backend: every kernel in plain TypeScript over typed arrays, always available.
 * A `DataId` is a fresh empty object per allocation, so identity is the only thing it carries.
 */
export class CpuBackend implements Backend {
  readonly kind = 'cpu';
  readonly capabilities: BackendCapabilities = { syncRead: true };
  // The contract's type, not cpuKernels' own: a subclass may drop the optional kernels, as the
  // decomposition run of the conformance suite does (test/conformance-decomposition.test.ts).
  readonly kernels: KernelTable<CpuBackend> = cpuKernels;
  readonly maxTensorBytes = CPU_MAX_TENSOR_BYTES;

  private readonly data = new Map<DataId, Stored>();
  private numBytes = 0;

  // Synchronous on purpose: ops may run before `await ready()` when only cpu is installed.
  init(): void {}

  storageBytes(size: number, dtype: DType): number {
    return size * bytesPerElement(dtype);
  }

  write(values: BackendValues, dtype: DType): DataId {
    const bytes = this.storageBytes(values.length, dtype);
    if (bytes > this.maxTensorBytes) {
      throw new AllocationError(
        `cpu: write: ${values.length} ${dtype} values need ${bytes} bytes; the cpu backend allocates at most ${this.maxTensorBytes} bytes per tensor`,
      );
    }
    // Always a copy: the caller keeps ownership of `values`.
    const copy = makeTypedArray(dtype, values.length);
    backendUtil.writeValuesInto(values, copy, dtype);
    return this.store(copy, dtype);
  }

  async read(dataId: DataId): Promise<BackendValues> {
    return this.readSync(dataId);
  }

  readSync(dataId: DataId): BackendValues {
    return this.entry(dataId).values.slice();
  }

  disposeData(dataId: DataId): void {
    const stored = this.data.get(dataId);
    if (stored === undefined) return;
    this.numBytes -= stored.values.byteLength;
    this.data.delete(dataId);
  }

  memory(): BackendMemory {
    return { numBytes: this.numBytes, numDataIds: this.data.size };
  }

  dispose(): void {
    this.data.clear();
    this.numBytes = 0;
  }

  /** The stored array itself (no copy): kernels read it, in-place kernels write it. */
  values(info: TensorInfo): BackendValues {
    return this.entry(info.dataId).values;
  }

  /** The stored array of a float32 tensor, typed as such so hot loops stay monomorphic. */
  floats(info: TensorInfo): Float32Array {
    const v = this.entry(info.dataId).values;
    if (!(v instanceof Float32Array)) throw new DTypeError(`cpu: expected float32 data, got ${dtypeOfArray(v)}`);
    return v;
  }

  /** The stored array of an int32 tensor. */
  ints(info: TensorInfo): Int32Array {
    const v = this.entry(info.dataId).values;
    if (!(v instanceof Int32Array)) throw new DTypeError(`cpu: expected int32 data, got ${dtypeOfArray(v)}`);
    return v;
  }

  /** Adopts `values` (no copy) as new storage; kernels call it with arrays they just made. */
  store(values: BackendValues, dtype: DType): DataId {
    const dataId: DataId = {};
    this.data.set(dataId, { values, dtype });
    this.numBytes += values.byteLength;
    return dataId;
  }

  private entry(dataId: DataId): Stored {
    const stored = this.data.get(dataId);
    if (stored === undefined) {
      throw new DisposedError('cpu: no data for this tensor; it was disposed, or it belongs to another backend');
    }
    return stored;
  }
}

export function createCpuBackend(): CpuBackend {
  return new CpuBackend();
}
