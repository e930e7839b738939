import {
  AllocationError,
  backendUtil,
  BackendUnavailableError,
  BINARY_OPS,
  bytesPerElement,
  DisposedError,
  DTypeError,
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
import { abiFingerprint } from './abi-fingerprint.js';
import { wasmKernels } from './kernels/index.js';
import {
  chooseBuild,
  isNode,
  loadModule,
  sharedMemoryReason,
  supportsRelaxedSimd,
  supportsSimd,
  type BuildName,
  type LoadOptions,
} from './loader.js';
import { PARAM_BLOCK_SLOTS, PARAM_LAYOUTS, type ParamLayout, type ParamValues } from './param-layouts.js';
import { Arena, WasmData, type HeapViews } from './storage.js';
import { checkOptions } from './options.js';
import { ThreadPool, type ParallelKernel } from './threads/pool.js';
import { MAX_SHARES } from './threads/protocol.js';

export interface WasmBackendOptions extends LoadOptions {
  /** Threads including the caller; default: the number of cores (at most 16). 1 = no workers. */
  readonly threads?: number;
  /** Use the relaxed-SIMD (FMA) build where it validates; default true. */
  readonly relaxedSimd?: boolean;
  /** Split every kernel over all threads however small it is (for tests of the threaded paths). */
  readonly forceParallel?: boolean;
  /**
   * Shares per thread a big kernel is cut into (default 4). Threads claim shares as they come
   * free, so a core that runs slower (a busy neighbour, a late wake-up) takes fewer; 1 gives
   * each thread one share.
   */
  readonly sharesPerThread?: number;
}

/** Kernels the thread pool can split; workers look them up by index in this list. */
export const PARALLEL_KERNELS = [
  'matmul',
  'conv2d',
  'conv2dDirect',
  'conv2dBackpropInput',
  'conv2dBackpropFilter',
  'conv2dBackpropFilterDirect',
  'conv2dSingleChannel',
  'conv2dBackpropFilterSingleChannel',
  'conv2dBackpropInputDirect',
  'conv2dWinograd',
  'conv2dBackpropFilterWinograd',
  'maxPool',
  'avgPool',
  'maxPoolGrad',
  'avgPoolGrad',
  'fusedAvgPoolGrad',
  'poolBiasGrad',
  'unary',
  'binary',
  'reduce',
  'reduceRows',
  'softmax',
  'adam',
  'sgd',
  'activationGrad',
  'padRows',
  'addPartials',
  'packInputFilterRows',
] as const;
export type ParallelName = (typeof PARALLEL_KERNELS)[number];

/** Exports the calling thread runs before a job: they pack a filter once for every share. */
export const PACK_FUNCTIONS = [
  'packConvFilter',
  'packConvFilterT',
  'padSingleChannelFilter',
  'packWinogradFilter',
  'winogradFilterOutput',
] as const;
export type PackName = (typeof PACK_FUNCTIONS)[number];

interface Exports {
  readonly parallel: Readonly<Record<ParallelName, ParallelKernel>>;
  readonly pack: Readonly<Record<PackName, (params: number) => void>>;
  readonly heapBase: () => number;
  readonly abiFingerprint: () => number;
  readonly fill32: (y: number, n: number, bits: number) => void;
  readonly tanhS: (x: number) => number;
}

/** One 4-byte word seen as float32 and int32: a fill value's bit pattern for fill32. */
const FILL_BITS_I32 = new Int32Array(1);
const FILL_BITS_F32 = new Float32Array(FILL_BITS_I32.buffer);

/** The 32 bits a float32 or int32 element holding `value` has (fill32's and padRows' argument). */
export function fillBits(value: number, dtype: DType): number {
  if (dtype === 'float32') FILL_BITS_F32[0] = value;
  else FILL_BITS_I32[0] = value;
  return FILL_BITS_I32[0];
}

function exportedFunction(exports: WebAssembly.Exports, name: string): (...args: never[]) => unknown {
  const f = exports[name];
  if (typeof f !== 'function') throw new BackendUnavailableError(`wasm: the module does not export ${name}; rebuild the package`);
  // lib.dom types an export as Function; the caller names its signature.
  return f as (...args: never[]) => unknown;
}

function bindExports(exports: WebAssembly.Exports): Exports {
  return {
    parallel: backendUtil.recordOf(PARALLEL_KERNELS, (name) => exportedFunction(exports, name) as ParallelKernel),
    pack: backendUtil.recordOf(PACK_FUNCTIONS, (name) => exportedFunction(exports, name) as (params: number) => void),
    heapBase: exportedFunction(exports, 'heapBase') as () => number,
    abiFingerprint: exportedFunction(exports, 'abiFingerprint') as () => number,
    fill32: exportedFunction(exports, 'fill32') as (y: number, n: number, bits: number) => void,
    tanhS: exportedFunction(exports, 'tanhS') as (x: number) => number,
  };
}

async function defaultThreads(): Promise<number> {
  if (isNode()) {
    const name = 'node:os';
    const os: typeof import('node:os') = await import(/* @vite-ignore */ name);
    return Math.min(16, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
  }
  return Math.min(16, typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1);
}

/** What this package's kernels expect of the module; see abi-fingerprint.ts. */
const ABI_FINGERPRINT = abiFingerprint(
  { unary: UNARY_OPS, binary: BINARY_OPS, reduce: REDUCE_OPS, activation: FUSED_ACTIVATIONS },
  PARAM_LAYOUTS,
);

/**
 * Kernels in WebAssembly (AssemblyScript, SIMD), storage in the module's heap. A `DataId` is a
 * `WasmData` naming a block of that heap; kernels receive heap addresses and write their outputs
 * into fresh blocks, so a training step that repeats shapes allocates nothing after warm-up.
 */
export class WasmBackend implements Backend {
  readonly kind = 'wasm';
  readonly capabilities: BackendCapabilities = { syncRead: true };
  readonly kernels = wasmKernels;
  /** The largest block the heap can still give at its maximum size once started; 0 before `init`. */
  maxTensorBytes = 0;

  /** Which build runs and on how many threads; set by `init`. */
  info: { build: BuildName; threads: number; note?: string } = { build: 'tensile-simd.wasm', threads: 1 };
  private arena: Arena | null = null;
  private exportsBound: Exports | null = null;
  private pool: ThreadPool | null = null;
  private paramsPtr = 0;
  private numBytes = 0;
  private numDataIds = 0;

  constructor(private readonly options: WasmBackendOptions = {}) {
    checkOptions(options);
  }

  async init(): Promise<void> {
    if (this.arena) return;
    if (!supportsSimd()) {
      throw new BackendUnavailableError(
        'wasm: this runtime does not support WebAssembly SIMD (Node >= 16.4, Chrome >= 91, Firefox >= 89, Safari >= 16.4)',
      );
    }
    let threads = Math.max(1, Math.floor(this.options.threads ?? (await defaultThreads())));
    if (threads > 1) {
      const reason = sharedMemoryReason();
      if (reason !== null) {
        this.info.note = `wasm: running single-threaded because ${reason}`;
        console.warn(`@tensile/backend-wasm: running single-threaded because ${reason}`);
        threads = 1;
      }
    }
    const relaxed = (this.options.relaxedSimd ?? true) && supportsRelaxedSimd();
    const build = chooseBuild(threads > 1, relaxed);
    const module = await loadModule(build, this.options);
    const shared = threads > 1;
    // Shared: the maximum the threaded builds declare (1 GiB). Unshared: 2 GiB, not wasm32's
    // 4 GiB, because the JS views address the heap with signed shifts (`ptr >> 2`).
    const maxPages = shared ? 16384 : 32768;
    const memory = new WebAssembly.Memory({ initial: 64, maximum: maxPages, shared });
    const instance = await WebAssembly.instantiate(module, {
      env: {
        memory,
        abort: () => {
          throw new Error('wasm abort');
        },
      },
    });
    const bound = bindExports(instance.exports);
    // The export is an i32 in wasm, so JavaScript sees it signed.
    const built = bound.abiFingerprint() >>> 0;
    if (built !== ABI_FINGERPRINT) {
      throw new BackendUnavailableError(
        `wasm: ${build} was built for other sub-op lists or parameter layouts (fingerprint ${built.toString(16)}, ` +
          `this @tensile/core and backend expect ${ABI_FINGERPRINT.toString(16)}); rebuild @tensile/backend-wasm against this @tensile/core`,
      );
    }
    this.arena = new Arena(memory, bound.heapBase(), maxPages);
    this.exportsBound = bound;
    this.paramsPtr = this.arena.alloc(PARAM_BLOCK_SLOTS * 4);
    this.maxTensorBytes = this.arena.largestFreshBlock();
    if (shared) this.pool = await ThreadPool.start({ module, memory, names: PARALLEL_KERNELS }, threads);
    this.info = { ...this.info, build, threads: this.pool?.size ?? 1 };
  }

  storageBytes(size: number, dtype: DType): number {
    return size * bytesPerElement(dtype);
  }

  write(values: BackendValues, dtype: DType): DataId {
    const data = this.allocData(values.length, dtype);
    backendUtil.writeValuesInto(values, this.view(data), dtype);
    return data;
  }

  async read(dataId: DataId): Promise<BackendValues> {
    return this.readSync(dataId);
  }

  readSync(dataId: DataId): BackendValues {
    // slice() copies into a fresh, unshared ArrayBuffer even when the heap is shared.
    return this.view(this.data(dataId)).slice();
  }

  disposeData(dataId: DataId): void {
    // After dispose() the heap is gone with everything in it: nothing left to free.
    if (!(dataId instanceof WasmData) || dataId.owner !== this || dataId.freed || !this.arena) return;
    dataId.freed = true;
    this.heap().release(dataId.ptr, dataId.bytes);
    this.numBytes -= dataId.bytes;
    this.numDataIds--;
  }

  memory(): BackendMemory {
    const s = this.arena?.stats();
    return {
      numBytes: this.numBytes,
      numDataIds: this.numDataIds,
      heapBytes: s?.heapBytes ?? 0,
      arenaBytes: s?.arenaBytes ?? 0,
      freeBytes: s?.freeBytes ?? 0,
      threads: this.info.threads,
      workerShares: this.pool?.workerShares ?? 0,
    };
  }

  dispose(): void {
    this.pool?.dispose();
    this.pool = null;
    this.arena = null;
    this.exportsBound = null;
  }

  // ---- what kernels use ------------------------------------------------------------------------

  /** The heap's typed views; valid until the next allocation (which may grow the memory). */
  get views(): HeapViews {
    return this.heap().views;
  }

  get exports(): Exports {
    if (!this.exportsBound) throw new BackendUnavailableError('wasm: the backend has not been initialised (await init())');
    return this.exportsBound;
  }

  /** Heap address of a tensor's data. */
  ptr(info: TensorInfo): number {
    return this.data(info.dataId).ptr;
  }

  /** New storage for a kernel's output. */
  allocData(size: number, dtype: DType): WasmData {
    const heap = this.heap();
    const bytes = this.storageBytes(size, dtype);
    if (bytes > this.maxTensorBytes) {
      throw new AllocationError(
        `wasm: ${size} ${dtype} elements need ${bytes} bytes; the wasm backend allocates at most ${this.maxTensorBytes} bytes per tensor`,
      );
    }
    const ptr = heap.alloc(bytes);
    this.numBytes += bytes;
    this.numDataIds++;
    return new WasmData(this, ptr, bytes, dtype, size);
  }

  /** Scratch for one kernel call; give it back with `release` (the same bytes). */
  alloc(bytes: number): number {
    return this.heap().alloc(bytes);
  }

  release(ptr: number, bytes: number): void {
    this.heap().release(ptr, bytes);
  }

  /**
   * Writes a kernel's parameter block, a value for every slot of its layout (param-layouts.ts),
   * and returns the block's address. There is one block: each call overwrites the last one's.
   */
  params<L extends ParamLayout>(layout: L, values: ParamValues<L>): number {
    const { i32, f32 } = this.views;
    let slot = this.paramsPtr >> 2;
    for (const name in layout) {
      if (layout[name] === 'f32') f32[slot] = values[name];
      else i32[slot] = values[name];
      slot++;
    }
    return this.paramsPtr;
  }

  /** Threads the pool has, including the caller (1 without a pool). */
  get threads(): number {
    return this.pool?.size ?? 1;
  }

  /**
   * How many shares `runShares` should cut [0, total) into: each share gets at least `minUnits`
   * units, and a pool gets up to `sharesPerThread` shares per thread. Kernels with per-share
   * scratch or partial sums size them by this count.
   */
  shares(total: number, minUnits: number): number {
    if (!this.pool) return 1;
    const min = this.options.forceParallel ? 1 : Math.max(1, minUnits);
    const perThread = Math.max(1, Math.floor(this.options.sharesPerThread ?? 4));
    return Math.max(1, Math.min(this.pool.size * perThread, MAX_SHARES, Math.floor(total / min)));
  }

  /**
   * Runs an exported kernel over units [0, total) in `shares` contiguous shares that shrink
   * toward the end (threads/share-bounds.ts); the kernel's last argument is the share index,
   * which picks its scratch and partial sums.
   */
  runShares(name: ParallelName, params: number, total: number, shares: number): void {
    const kernel = this.exports.parallel[name];
    if (shares > 1 && this.pool) this.pool.run(PARALLEL_KERNELS.indexOf(name), kernel, params, total, shares);
    else if (total > 0) kernel(params, 0, total, 0);
  }

  /** `runShares` with `shares(total, minUnits)` shares, for kernels without per-share scratch. */
  run(name: ParallelName, params: number, total: number, minUnits: number): number {
    const shares = this.shares(total, minUnits);
    this.runShares(name, params, total, shares);
    return shares;
  }

  /**
   * Sets every element of `data` to `value` (bool: 0 or 1). Four-byte dtypes are filled in wasm:
   * TypedArray.fill on the threaded builds' shared memory takes a slow path.
   */
  fillData(data: WasmData, value: number): void {
    if (data.dtype === 'bool') {
      this.view(data).fill(value !== 0 ? 1 : 0);
      return;
    }
    this.exports.fill32(data.ptr, data.size, fillBits(value, data.dtype));
  }

  /** Typed view of a tensor's elements in the heap (valid until the next allocation). */
  view(data: WasmData): BackendValues {
    return this.viewAt(data.ptr, data.size, data.dtype);
  }

  /** Typed view of `size` elements of `dtype` at heap address `ptr`. */
  viewAt(ptr: number, size: number, dtype: DType): BackendValues {
    const v = this.views;
    if (dtype === 'float32') return v.f32.subarray(ptr >> 2, (ptr >> 2) + size);
    if (dtype === 'int32') return v.i32.subarray(ptr >> 2, (ptr >> 2) + size);
    return v.u8.subarray(ptr, ptr + size);
  }

  /** The typed view of a kernel input. */
  values(info: TensorInfo): BackendValues {
    return this.view(this.data(info.dataId));
  }

  floats(info: TensorInfo): Float32Array {
    const v = this.values(info);
    if (!(v instanceof Float32Array)) throw new DTypeError(`wasm: expected float32 data, got ${info.dtype}`);
    return v;
  }

  ints(info: TensorInfo): Int32Array {
    const v = this.values(info);
    if (!(v instanceof Int32Array)) throw new DTypeError(`wasm: expected int32 data, got ${info.dtype}`);
    return v;
  }

  data(dataId: DataId): WasmData {
    if (!(dataId instanceof WasmData) || dataId.owner !== this) {
      throw new DisposedError('wasm: no data for this tensor; it belongs to another backend');
    }
    if (dataId.freed) throw new DisposedError("wasm: this tensor's data was disposed");
    return dataId;
  }

  private heap(): Arena {
    if (!this.arena) throw new BackendUnavailableError('wasm: the backend has not been initialised (await init()), or was disposed');
    return this.arena;
  }
}

export function createWasmBackend(options: WasmBackendOptions = {}): WasmBackend {
  return new WasmBackend(options);
}
