/**
 * The functional API's graph: a `SymbolicTensor` is a placeholder with a static shape (batch as
 * null) produced by one call of a layer on other placeholders; that call is a `Node`.
 */
import type { DType } from '@tensile/core';
import type { Layer } from './layer.js';
import type { ConfigDict } from './serialization.js';

/** A shape whose dimensions may be unknown (null), such as the batch dimension. */
export type SymbolicShape = readonly (number | null)[];

let nextId = 0;

export class SymbolicTensor {
  readonly id = nextId++;
  constructor(
    readonly dtype: DType,
    readonly shape: SymbolicShape,
    /** The layer whose call produced this tensor. */
    readonly sourceLayer: Layer,
    /** Which call of `sourceLayer` (its index in `sourceLayer.inboundNodes`). */
    readonly nodeIndex: number,
    /** Which output of that call. */
    readonly tensorIndex: number,
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  get name(): string {
    return `${this.sourceLayer.name}/${this.nodeIndex}/${this.tensorIndex}`;
  }

  toString(): string {
    return `SymbolicTensor(${this.name}, [${this.shape.map((d) => (d === null ? 'null' : d)).join(', ')}])`;
  }
}

/** One call of `layer` on `inputs` (symbolic), producing `outputs`. */
export class Node {
  readonly outputs: SymbolicTensor[] = [];
  constructor(
    readonly layer: Layer,
    readonly inputs: readonly SymbolicTensor[],
    /** Keyword arguments of the call, saved as the fourth entry of each inbound-node reference. */
    readonly kwargs: ConfigDict = {},
  ) {}
}

export function isSymbolic(x: unknown): x is SymbolicTensor | readonly SymbolicTensor[] {
  return x instanceof SymbolicTensor || (Array.isArray(x) && x.length > 0 && x.every((t) => t instanceof SymbolicTensor));
}

export function formatSymbolicShape(shape: SymbolicShape): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')}${shape.length === 1 ? ',' : ''})`;
}
