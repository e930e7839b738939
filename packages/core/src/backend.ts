import type { BackendValues, DType } from './dtype.js';
import type { DataId, KernelTable } from './kernels/signatures.js';

export interface BackendCapabilities {
  /** `readSync` works (cpu, wasm, cuda); GPU backends in browsers cannot block on a read. */
  readonly syncRead: boolean;
}

export interface BackendMemory {
  /** Bytes held for live tensor data. */
  readonly numBytes: number;
  /** Live storage handles. */
  readonly numDataIds: number;
  /** Backend-specific extras (pool sizes, heap size), reported as-is by `memory()`. */
  readonly [extra: string]: number;
}

/**
 * What every backend is: storage plus a kernel table checked by the compiler against
 * `KernelSignatures`. A backend imports `@tensile/core` and nothing else.
 */
export interface Backend {
  /** The kind of backend ('cpu', 'wasm', 'webgpu', ...); the registry name may differ. */
  readonly kind: string;
  readonly capabilities: BackendCapabilities;
  readonly kernels: KernelTable<this>;
  /** Called once, before first use (a backend that can start synchronously returns void); throw `BackendUnavailableError` saying why and what to install. */
  init(): Promise<void> | void;
  /**
   * The most bytes of storage one tensor may take here (one typed array, heap block or GPU
   * buffer), as `storageBytes` counts them. The engine refuses a kernel output, a new tensor or a
   * move past it before the backend allocates anything; read it only after `init`.
   */
  readonly maxTensorBytes: number;
  /** Bytes `size` elements of `dtype` take in this backend's storage (webgpu keeps bool as u32). */
  storageBytes(size: number, dtype: DType): number;
  /** Copies `values` into new storage. The caller keeps ownership of `values`. */
  write(values: BackendValues, dtype: DType): DataId;
  /** A copy of the stored values, as the dtype's typed array. */
  read(dataId: DataId): Promise<BackendValues>;
  /** Only where `capabilities.syncRead`. */
  readSync?(dataId: DataId): BackendValues;
  disposeData(dataId: DataId): void;
  memory(): BackendMemory;
  /**
   * What the backend is busy with that callers are waiting on and a person should be told about
   * (a GPU backend compiling shaders on first use, say), or undefined when nothing. Progress
   * displays poll it while a step takes long.
   */
  status?(): string | undefined;
  /** Frees everything; the backend is not used afterwards. */
  dispose(): void;
}

/** Registered with `registerBackend`; called (once) the first time the backend is needed. */
export type BackendFactory = (ctx: { readonly explicit: boolean }) => Backend | Promise<Backend>;
