/** The engine's public functions: backends, memory scopes, and variables. */
import type { BackendFactory } from './backend.js';
import { ENGINE, type BackendStatus, type MemoryInfo } from './engine.js';
import { Tensor } from './tensor.js';

/** Registers a backend factory; the highest priority that starts is chosen automatically. */
export function registerBackend(name: string, factory: BackendFactory, priority = 1): boolean {
  return ENGINE.registerBackend(name, factory, priority);
}
export function removeBackend(name: string): void {
  ENGINE.removeBackend(name);
}
/** Resolves once the best available backend has started. */
export function ready(): Promise<void> {
  return ENGINE.ready();
}
export function getBackend(): string {
  return ENGINE.getBackend();
}
/** Switches backends and moves every live tensor there, so training continues where it was. */
export function setBackend(name: string): Promise<void> {
  return ENGINE.setBackend(name);
}
/** What the active backend is busy with that a person waiting should hear about (for example
 *  'compiling 3 GPU pipelines on first use: ...'), or undefined. */
export function backendStatus(): string | undefined {
  return ENGINE.backendStatus();
}
export function listBackends(): BackendStatus[] {
  return ENGINE.listBackends();
}
export function tidy<T>(fn: () => T): T {
  return ENGINE.tidy(fn);
}
export function keep<T extends Tensor>(t: T): T {
  return ENGINE.keep(t);
}
/** Disposes every tensor found in `x` (a tensor, or arrays/objects of tensors). */
export function dispose(x: unknown): void {
  const seen = new Set<Tensor>();
  collect(x, seen, 0);
  for (const t of seen) t.dispose();
}
export function memory(): MemoryInfo {
  return ENGINE.memory();
}

function collect(x: unknown, into: Set<Tensor>, depth: number): void {
  if (x === null || typeof x !== 'object' || depth > 4) return;
  if (x instanceof Tensor) into.add(x);
  else if (Array.isArray(x)) for (const v of x) collect(v, into, depth + 1);
  else for (const v of Object.values(x)) collect(v, into, depth + 1);
}
