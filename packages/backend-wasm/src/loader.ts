/**
 * Picks and loads a build. Plain SIMD always; SIMD + threads where shared memory and workers
 * exist; the relaxed-SIMD (FMA) variant of either where the runtime validates it.
 */
import { BackendUnavailableError } from '@tensile/core';

export type BuildName = 'tensile-simd.wasm' | 'tensile-simd-relaxed.wasm' | 'tensile-threads.wasm' | 'tensile-threads-relaxed.wasm';

export interface LoadOptions {
  /** Where the .wasm files are (a directory URL or path ending in '/'); default: next to this module. */
  readonly wasmPath?: string | URL;
  /** Bytes of one build to use as-is (its features must match `threads`). */
  readonly wasmBytes?: BufferSource;
}

// The smallest modules that use each feature: one function () -> v128 whose body is a v128
// constant (SIMD), or relaxed_madd of three constants (relaxed SIMD). Validating them says what
// the runtime supports without compiling a build.
function probe(body: number[]): Uint8Array<ArrayBuffer> {
  const header = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0];
  return new Uint8Array([...header, 10, body.length + 4, 1, body.length + 2, 0, ...body, 11]);
}
const V128_CONST = [0xfd, 12, ...new Array<number>(16).fill(0)];
const SIMD_PROBE = probe(V128_CONST);
const RELAXED_PROBE = probe([...V128_CONST, ...V128_CONST, ...V128_CONST, 0xfd, 0x85, 0x02]);

export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions === 'object' && typeof process.versions.node === 'string';
}

export function supportsSimd(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

export function supportsRelaxedSimd(): boolean {
  return supportsSimd() && WebAssembly.validate(RELAXED_PROBE);
}

/** Shared memory (and so threads) needs SharedArrayBuffer, and in browsers cross-origin isolation. */
export function sharedMemoryReason(): string | null {
  if (typeof SharedArrayBuffer === 'undefined') return 'SharedArrayBuffer is not available';
  if (!isNode()) {
    if (typeof Worker === 'undefined') return 'Web Workers are not available';
    if (typeof crossOriginIsolated !== 'undefined' && !crossOriginIsolated) {
      return 'the page is not cross-origin isolated (serve it with COOP: same-origin and COEP: require-corp)';
    }
  }
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  } catch {
    return 'shared WebAssembly.Memory is not supported';
  }
  return null;
}

export function chooseBuild(threads: boolean, relaxed: boolean): BuildName {
  if (threads) return relaxed ? 'tensile-threads-relaxed.wasm' : 'tensile-threads.wasm';
  return relaxed ? 'tensile-simd-relaxed.wasm' : 'tensile-simd.wasm';
}

/** Candidate locations of a build: next to the bundle (dist/wasm), or the package's build dir from src. */
function candidates(name: BuildName, wasmPath: string | URL | undefined): URL[] {
  if (wasmPath !== undefined) {
    const base = typeof wasmPath === 'string' && !/^[a-z]+:/i.test(wasmPath) ? pathToUrl(wasmPath) : new URL(String(wasmPath));
    return [new URL(name, base)];
  }
  return [
    new URL(`./wasm/${name}`, import.meta.url),
    new URL(`../build/${name}`, import.meta.url),
    new URL(`../dist/wasm/${name}`, import.meta.url),
  ];
}

function pathToUrl(path: string): URL {
  const withSlash = path.endsWith('/') ? path : `${path}/`;
  if (typeof location !== 'undefined' && !isNode()) return new URL(withSlash, location.href);
  return new URL(`file://${withSlash.startsWith('/') ? '' : '/'}${withSlash}`);
}

export async function loadModule(name: BuildName, options: LoadOptions): Promise<WebAssembly.Module> {
  if (options.wasmBytes !== undefined) return WebAssembly.compile(options.wasmBytes);
  const tried: string[] = [];
  for (const url of candidates(name, options.wasmPath)) {
    try {
      const bytes = await readUrl(url);
      return await WebAssembly.compile(bytes);
    } catch (err) {
      tried.push(`${url.href} (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  throw new BackendUnavailableError(
    `wasm: could not load ${name}; tried ${tried.join(', ')}. Build the package (npm run build -w @tensile/backend-wasm) or pass wasmPath/wasmBytes to createWasmBackend`,
  );
}

async function readUrl(url: URL): Promise<ArrayBuffer | Uint8Array<ArrayBuffer>> {
  if (url.protocol === 'file:' && isNode()) {
    const fsName = 'node:fs/promises';
    const fs: { readFile(u: URL): Promise<Uint8Array> } = await import(/* @vite-ignore */ fsName);
    return new Uint8Array(await fs.readFile(url));
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.arrayBuffer();
}
