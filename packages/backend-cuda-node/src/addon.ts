/**
 * The addon's surface as TypeScript sees it (native/src/addon.cc), and where it is loaded from.
 * Loading is the only thing here that touches the file system; it happens in `init()`, never at
 * import.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AllocatorStats {
  readonly inUseBytes: number;
  readonly cachedBytes: number;
  readonly inUseBlocks: number;
  readonly cachedBlocks: number;
  readonly rawAllocs: number;
  readonly rawFrees: number;
  readonly reuses: number;
  readonly trims: number;
}

export interface DeviceMemory {
  readonly device: AllocatorStats;
  /** Pinned host blocks that asynchronous reads land in. */
  readonly staging: AllocatorStats;
  readonly liveHandles: number;
  readonly pendingReads: number;
}

export interface DeviceInfo {
  readonly emulated: boolean;
  readonly name: string;
  readonly computeCapability: string;
  readonly smCount: number;
  readonly totalMemory: number;
  readonly driverVersion: number;
  readonly runtimeVersion: number;
}

export interface ProbeResult extends Omit<DeviceInfo, 'emulated'> {
  readonly ok: boolean;
  /** CUDA's own words, and what to install, when `ok` is false. */
  readonly reason: string;
}

export interface NativeDevice {
  alloc(bytes: number): number;
  free(handle: number): void;
  write(handle: number, values: ArrayBufferView): void;
  readSync(handle: number, bytes: number): ArrayBuffer;
  read(handle: number, bytes: number): Promise<ArrayBuffer>;
  copy(dst: number, src: number, bytes: number): void;
  run(kernel: number, handles: Uint32Array, ints: Int32Array, floats: Float64Array): void;
  synchronize(): void;
  memory(): DeviceMemory;
  trim(): void;
  info(): DeviceInfo;
  dispose(): void;
}

export interface TestAllocator {
  /** A block id, or -1 when the limit leaves no room even after trimming the cache. */
  allocate(bytes: number): number;
  release(id: number): void;
  trim(): void;
  stats(): AllocatorStats & { readonly rawBytes: number };
  setLimit(bytes: number): void;
}

export interface Addon {
  readonly Device: new (emulate: boolean) => NativeDevice;
  /** `exact`: the mode TENSILE_CUDA_EXACT_ALLOC=1 gives the device allocator (no buckets, no cache). */
  readonly TestAllocator: new (
    exact?: boolean,
  ) => TestAllocator;
  probe(): ProbeResult;
  names(): { kernels: string[]; unary: string[]; binary: string[]; reduce: string[]; activation: string[] };
  elementwiseGeometry(n: number, smCount: number): { blocks: number; threads: number };
  gemmGeometry(
    batch: number,
    m: number,
    n: number,
    k: number,
    tileM: number,
    tileN: number,
    tileK: number,
    smCount: number,
  ): { tilesM: number; tilesN: number; splits: number; kChunk: number };
  bucketSize(bytes: number): number;
}

/** The file name the build puts beside dist/index.js. */
export const ADDON_FILE = 'tensile_cuda.node';

/**
 * Where the addon is looked for: TENSILE_CUDA_ADDON, else beside this module (dist/ when
 * installed), else, running from the sources (tests), cmake's output and then the package's dist/.
 */
export function addonPath(): string {
  const override = process.env.TENSILE_CUDA_ADDON;
  if (override !== undefined && override !== '') return override;
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, ADDON_FILE), join(here, '..', 'build', 'Release', ADDON_FILE), join(here, '..', 'dist', ADDON_FILE)];
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

export type AddonLoad = { readonly addon: Addon } | { readonly reason: string };

let cached: AddonLoad | undefined;

/** Loads the addon once; a failure is kept as a reason (what is missing and what to do). */
export function loadAddon(): AddonLoad {
  if (cached !== undefined) return cached;
  const path = addonPath();
  const require = createRequire(import.meta.url);
  try {
    cached = { addon: require(path) as Addon };
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    cached = { reason: whyNotLoaded(path, message) };
  }
  return cached;
}

function whyNotLoaded(path: string, message: string): string {
  if (/Cannot find module|ENOENT/.test(message)) {
    let skipped = '';
    try {
      skipped = readFileSync(join(dirname(path), 'tensile_cuda.missing.txt'), 'utf8').trim();
    } catch {
      // no note: the package was built without running its native step at all
    }
    return (
      `the CUDA addon was not built (${path} is missing${skipped ? `: ${skipped}` : ''}); ` +
      'build it where the CUDA 13 toolkit is installed with `npm run build:native -w @tensile/backend-cuda-node && npm run build -w @tensile/backend-cuda-node`'
    );
  }
  if (/GLIBC/.test(message)) return `the CUDA addon does not load here: ${message}; it needs glibc 2.34 or newer`;
  return `the CUDA addon at ${path} does not load: ${message}`;
}
