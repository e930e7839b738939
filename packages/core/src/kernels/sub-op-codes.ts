/**
 * Each sub-op's number: its index in core's list. Kernels that take an op as a number rather than
 * a name (wasm's AssemblyScript switches, WGSL uniforms) use these on the TypeScript side, and
 * generate their own side's constants from the same lists, so the two cannot drift apart.
 */
import { ArgumentError } from '../errors.js';
import { BINARY_OPS, FUSED_ACTIVATIONS, REDUCE_OPS, UNARY_OPS } from './signatures.js';

export type SubOpCodes<T extends string> = Readonly<Record<T, number>>;

function hasEvery<T extends string>(names: readonly T[], codes: { readonly [name: string]: number }): codes is SubOpCodes<T> {
  return names.every((name) => Object.hasOwn(codes, name));
}

/** The index of each name in `names`, which must be distinct. */
export function codesOf<T extends string>(names: readonly T[]): SubOpCodes<T> {
  const codes: { [name: string]: number } = {};
  names.forEach((name, i) => (codes[name] = i));
  // hasEvery also tells the compiler that every name got a code.
  if (new Set(names).size !== names.length || !hasEvery(names, codes)) {
    throw new ArgumentError(`codesOf: names must be distinct, got ${names.join(', ')}`);
  }
  return codes;
}

export const UNARY_CODES = codesOf(UNARY_OPS);
export const BINARY_CODES = codesOf(BINARY_OPS);
export const REDUCE_CODES = codesOf(REDUCE_OPS);
export const FUSED_ACTIVATION_CODES = codesOf(FUSED_ACTIVATIONS);
