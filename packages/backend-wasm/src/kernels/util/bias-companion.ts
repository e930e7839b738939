/**
 * A conv's bias gradient made on the side by the kernel before the one that asks for it. In a
 * compiled step, fusedPoolConv2dBackpropFilter on a single-channel conv makes every row of the
 * gradient at the conv's output anyway; summing those rows there costs little, where
 * fusedPoolBiasGrad would read the conv's whole output again to make them a second time. So the
 * filter gradient leaves its sums here, keyed by the storage of its inputs, and fusedPoolBiasGrad
 * of the same storage, window and activation takes them (once) instead of computing them. Both
 * kernels run only inside compiled plans, on storage that no kernel writes after making it
 * (in-place kernels write variables only), so the same storage still holds the same values.
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
