/**
 * What the TypeScript side and a compiled module must agree on, in 32 bits: core's sub-op lists
 * (their order is the codes) and the parameter layouts. scripts/generate-assembly.mjs compiles it
 * into the module (its `abiFingerprint` export), and `init` compares that with its own, so a module
 * built against other lists or layouts (a stale build, another version of core) refuses to start
 * instead of running the wrong op. It imports nothing at run time, so the script can load it on
 * its own.
 */
import type { ParamLayout } from './param-layouts.js';

/** The sub-op lists a module's codes come from, in core's order. */
export interface SubOpLists {
  readonly unary: readonly string[];
  readonly binary: readonly string[];
  readonly reduce: readonly string[];
  readonly activation: readonly string[];
}

/** FNV-1a over the JSON of both (layouts' key order included: it is their slot order), as an
 *  unsigned 32-bit integer. */
export function abiFingerprint(subOps: SubOpLists, layouts: { readonly [name: string]: ParamLayout }): number {
  const text = JSON.stringify([subOps.unary, subOps.binary, subOps.reduce, subOps.activation, layouts]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
