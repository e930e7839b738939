/**
 * A conv's bias gradient made on the side by the kernel before the one that asks for it, in a
 * compiled step, where the gradient at the conv's output passes through a kernel anyway:
 * - fusedPoolConv2dBackpropFilter on a single-channel conv makes every row of that gradient;
 *   summing the rows there costs little, where fusedPoolBiasGrad would read the conv's whole
 *   output again to make them a second time. It leaves its sums keyed by the storage of its
 *   inputs, and fusedPoolBiasGrad of the same storage, window and activation takes them.
 * - fusedAvgPoolGrad writes that gradient an image at a time; it sums each image per channel
 *   while it is in cache and leaves the sums keyed by its output, and a sum of that output over
 *   every axis but the last (reduce, as fusedConv2d's gradient asks for the bias) takes them
 *   instead of reading it again.
 * Sums are taken once, by the next such kernel of the backend or not at all. The producers run
 * only inside compiled plans, on storage that no kernel writes after making it (in-place kernels
 * write variables only), so the same storage still holds the same values.
 */
import type { DataId, FusedActivation } from '@tensile/core';
import type { WasmBackend } from '../../backend.js';

/** One backend's sums left for the next kernel that asks: taken at most once, by whoever asks next. */
class Left<E extends { readonly sums: Float32Array }> {
  private readonly entries = new WeakMap<WasmBackend, E>();

  leave(backend: WasmBackend, entry: E): void {
    this.entries.set(backend, entry);
  }

  /** The sums if the entry left is `wanted`'s, or null; either way nothing is left afterwards. */
  take(backend: WasmBackend, wanted: (e: E) => boolean): Float32Array | null {
    const e = this.entries.get(backend);
    if (e === undefined) return null;
    this.entries.delete(backend);
    return wanted(e) ? e.sums : null;
  }
}

interface PooledEntry {
  readonly dy: DataId;
  readonly y: DataId;
  readonly window: readonly [number, number];
  readonly activation: FusedActivation;
  readonly sums: Float32Array;
}

const pooled = new Left<PooledEntry>();
const channels = new Left<{ readonly x: DataId; readonly sums: Float32Array }>();

export function leaveBiasGrad(backend: WasmBackend, entry: PooledEntry): void {
  pooled.leave(backend, entry);
}

/** The sums left for exactly these inputs, or null. */
export function takeBiasGrad(
  backend: WasmBackend,
  dy: DataId,
  y: DataId,
  window: readonly [number, number],
  activation: FusedActivation,
): Float32Array | null {
  return pooled.take(
    backend,
    (e) => e.dy === dy && e.y === y && e.window[0] === window[0] && e.window[1] === window[1] && e.activation === activation,
  );
}

export function leaveChannelSums(backend: WasmBackend, x: DataId, sums: Float32Array): void {
  channels.leave(backend, { x, sums });
}

/** The sums over every axis but the last left for x, or null. */
export function takeChannelSums(backend: WasmBackend, x: DataId): Float32Array | null {
  return channels.take(backend, (e) => e.x === x);
}
