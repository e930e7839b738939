/**
 * Each sub-op's number: its index in core's list. Kernels that take an op as a number rather than
 * a name (wasm's AssemblyScript switches, WGSL uniforms) use these on the TypeScript side, and
 * generate their own side's constants from the same lists, so the two cannot drift apart.
 */
import { recordOf } from '../backend-util/record.js';
import { BINARY_OPS, FUSED_ACTIVATIONS, REDUCE_OPS, UNARY_OPS } from './signatures.js';

export type SubOpCodes<T extends string> = Readonly<Record<T, number>>;

/** The index of each name in `names`, which must be distinct. */
export function codesOf<T extends string>(names: readonly T[]): SubOpCodes<T> {
  return recordOf(names, (_, i) => i);
}

export const UNARY_CODES = codesOf(UNARY_OPS);
export const BINARY_CODES = codesOf(BINARY_OPS);
export const REDUCE_CODES = codesOf(REDUCE_OPS);
export const FUSED_ACTIVATION_CODES = codesOf(FUSED_ACTIVATIONS);
