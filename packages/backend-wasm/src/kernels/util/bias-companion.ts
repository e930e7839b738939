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

interface Entry {
  readonly dy: DataId;
  readonly y: DataId;
  readonly window: readonly [number, number];
  readonly activation: FusedActivation;
  readonly sums: Float32Array;
}

const made = new WeakMap<WasmBackend, Entry>();

export function leaveBiasGrad(backend: WasmBackend, entry: Entry): void {
  made.set(backend, entry);
}

/** The sums left for exactly these inputs, or null; either way nothing is left afterwards. */
export function takeBiasGrad(
  backend: WasmBackend,
  dy: DataId,
  y: DataId,
  window: readonly [number, number],
  activation: FusedActivation,
): Float32Array | null {
  const e = made.get(backend);
  if (e === undefined) return null;
  made.delete(backend);
  const same = e.dy === dy && e.y === y && e.window[0] === window[0] && e.window[1] === window[1] && e.activation === activation;
  return same ? e.sums : null;
}

const channelSums = new WeakMap<WasmBackend, { readonly x: DataId; readonly sums: Float32Array }>();

export function leaveChannelSums(backend: WasmBackend, x: DataId, sums: Float32Array): void {
  channelSums.set(backend, { x, sums });
}

/** The sums over every axis but the last left for x, or null; either way nothing is left afterwards. */
export function takeChannelSums(backend: WasmBackend, x: DataId): Float32Array | null {
  const e = channelSums.get(backend);
  if (e === undefined) return null;
  channelSums.delete(backend);
  return e.x === x ? e.sums : null;
}
