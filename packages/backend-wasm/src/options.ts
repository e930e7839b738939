import { ArgumentError } from '@tensile/core';
import type { WasmBackendOptions } from './backend.js';
import { MAX_SHARES, MAX_THREADS } from './threads/protocol.js';

/** Every option, so that the compiler flags one added to WasmBackendOptions and not here. */
const OPTIONS: { readonly [K in keyof WasmBackendOptions]-?: true } = {
  threads: true,
  relaxedSimd: true,
  forceParallel: true,
  sharesPerThread: true,
  wasmPath: true,
  wasmBytes: true,
};

function wholeIn(key: string, value: unknown, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    const got = typeof value === 'number' ? String(value) : typeof value;
    throw new ArgumentError(`createWasmBackend: ${key} must be a whole number from 1 to ${max}, got ${got}`);
  }
}

/** Misspelt, mistyped or out-of-range options fail at createWasmBackend, naming the option. */
export function checkOptions(options: WasmBackendOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new ArgumentError(`createWasmBackend: options must be an object, got ${options === null ? 'null' : typeof options}`);
  }
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(OPTIONS, key)) {
      throw new ArgumentError(`createWasmBackend: unknown option '${key}'; the options are ${Object.keys(OPTIONS).join(', ')}`);
    }
  }
  const o = options as Record<keyof WasmBackendOptions, unknown>;
  if (o.threads !== undefined) wholeIn('threads', o.threads, MAX_THREADS);
  if (o.sharesPerThread !== undefined) wholeIn('sharesPerThread', o.sharesPerThread, MAX_SHARES);
  for (const key of ['relaxedSimd', 'forceParallel'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') {
      throw new ArgumentError(`createWasmBackend: ${key} must be a boolean, got ${typeof o[key]}`);
    }
  }
  if (o.wasmPath !== undefined && typeof o.wasmPath !== 'string' && !(o.wasmPath instanceof URL)) {
    throw new ArgumentError(`createWasmBackend: wasmPath must be a string or URL, got ${typeof o.wasmPath}`);
  }
  if (o.wasmBytes !== undefined && !(o.wasmBytes instanceof ArrayBuffer) && !ArrayBuffer.isView(o.wasmBytes)) {
    throw new ArgumentError(`createWasmBackend: wasmBytes must be an ArrayBuffer or a typed array view, got ${typeof o.wasmBytes}`);
  }
}
