/**
 * Finding a WebGPU implementation, an adapter and a device, and saying precisely why not when
 * there is none: the message becomes `listBackends()`'s reason, so it names what to install.
 */
import { BackendUnavailableError } from '@tensile/core';
import { adapterFamily, type AdapterFacts } from './profile.js';

export const INSTALL_DRIVER =
  'apt-get install -y -t bookworm-backports mesa-vulkan-drivers (Debian 12; Dawn needs Mesa 25 for a software adapter), or a GPU driver with Vulkan/Metal/D3D12';
const INSTALL_PACKAGE = 'npm install webgpu@0.6.2';

/** What the backend needs of a WebGPU entry point (`navigator.gpu`, Dawn's `create([])`). */
export type GpuEntry = Pick<GPU, 'requestAdapter'>;

export interface DeviceOptions {
  readonly allowSoftware: boolean;
  readonly powerPreference?: GPUPowerPreference;
}

export interface AcquiredDevice {
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  /** What the adapter says it is (its name joins vendor, architecture, device, description). */
  readonly facts: AdapterFacts;
  readonly software: boolean;
}

interface WebGpuModule {
  create(options: string[]): GPU;
}

function isWebGpuModule(value: unknown): value is WebGpuModule {
  return typeof value === 'object' && value !== null && 'create' in value && typeof value.create === 'function';
}

export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

function navigatorGpu(): GPU | undefined {
  const nav: { gpu?: GPU } | undefined = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  return nav?.gpu ?? undefined;
}

/** The `webgpu` package, imported only now (never at import time) and hidden from bundlers,
 *  which would otherwise try to pack Dawn into browser builds. */
async function importDawn(): Promise<WebGpuModule> {
  const name = 'webgpu';
  let mod: unknown;
  try {
    mod = await import(/* @vite-ignore */ /* webpackIgnore: true */ name);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new BackendUnavailableError(
      `webgpu: no WebGPU in this Node process: the optional \`webgpu\` package (Dawn) could not be loaded (${why}); install it with \`${INSTALL_PACKAGE}\`, or pass {gpu} to createWebGpuBackend()`,
    );
  }
  if (isWebGpuModule(mod)) return mod;
  if (typeof mod === 'object' && mod !== null && 'default' in mod && isWebGpuModule(mod.default)) return mod.default;
  throw new BackendUnavailableError(
    `webgpu: the \`webgpu\` package does not export create(); install a working version with \`${INSTALL_PACKAGE}\``,
  );
}

/**
 * One Dawn instance per process, made on first use and kept. Dawn 0.6.2 aborts the process
 * (std::system_error from a thread primitive) when an instance is garbage-collected shortly
 * after its device was destroyed, which repeated create/dispose cycles (tests) hit; holding the
 * instance does not keep Node from exiting once the device is destroyed (measured).
 */
let dawnInstance: Promise<GpuEntry> | null = null;

/** The GPU object to use: the one passed in, navigator.gpu, or Dawn's `create([])` in Node. */
export async function findGpu(given: GpuEntry | undefined): Promise<GpuEntry> {
  if (given !== undefined) return given;
  const fromNavigator = navigatorGpu();
  if (fromNavigator !== undefined) return fromNavigator;
  if (isNode()) {
    dawnInstance ??= importDawn().then((mod) => mod.create([]));
    try {
      return await dawnInstance;
    } catch (err) {
      dawnInstance = null;
      throw err;
    }
  }
  throw new BackendUnavailableError(
    'webgpu: this browser has no navigator.gpu (WebGPU is unsupported or disabled; it needs a secure context, e.g. https or localhost)',
  );
}

function describe(adapter: GPUAdapter): AdapterFacts {
  const info = adapter.info;
  const name = [info.vendor, info.architecture, info.device, info.description].filter((s) => s !== '').join(' / ') || 'unnamed adapter';
  // `isFallbackAdapter` moved from the adapter to its info; older implementations have the former.
  const fallback =
    (info as { isFallbackAdapter?: boolean }).isFallbackAdapter === true ||
    (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  return { name, architecture: info.architecture, fallback };
}

export async function acquireDevice(gpu: GpuEntry, options: DeviceOptions): Promise<AcquiredDevice> {
  const adapter = await gpu.requestAdapter(options.powerPreference ? { powerPreference: options.powerPreference } : undefined);
  if (adapter === null) {
    throw new BackendUnavailableError(
      `webgpu: requestAdapter() found no adapter${isNode() ? `; Dawn needs a Vulkan driver: ${INSTALL_DRIVER}` : ' (WebGPU may be blocklisted for this GPU or disabled)'}`,
    );
  }
  const facts = describe(adapter);
  const { name } = facts;
  const software = adapterFamily(facts) !== 'gpu';
  if (software && !options.allowSoftware) {
    throw new BackendUnavailableError(
      `webgpu: only a software adapter is available (${name}); auto-selection skips it because it is slower than the CPU backends. Use it by asking for it: await setBackend('webgpu') or createWebGpuBackend({allowSoftware: true}); for a hardware adapter install a GPU driver`,
    );
  }
  // Ask for the adapter's own limits where they exceed the defaults we might hit: big tensors
  // need large storage bindings.
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxStorageBuffersPerShaderStage: Math.min(limits.maxStorageBuffersPerShaderStage, 10),
    },
  });
  return { adapter, device, facts, software };
}
