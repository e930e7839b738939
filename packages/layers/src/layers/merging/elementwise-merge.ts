/** The base of the merge layers that combine several same-shaped (broadcastable) inputs elementwise. */
import { ArgumentError, type Tensor } from '@tensile/core';
import { baseArgs, isShapeList, Layer, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { broadcastSymbolic } from './add.js';

export abstract class ElementwiseMerge extends Layer {
  /** Exactly this many inputs (Subtract: 2); undefined means 2 or more. */
  protected readonly arity: number | undefined = undefined;

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected abstract merge(inputs: Tensor[]): Tensor;

  private checkCount(n: number | undefined): void {
    const ok = n !== undefined && (this.arity === undefined ? n >= 2 : n === this.arity);
    if (!ok) {
      const wanted = this.arity === undefined ? 'a list of at least 2 inputs' : `a list of exactly ${this.arity} inputs`;
      throw new ArgumentError(`${this.name}: ${this.className} needs ${wanted}, got ${n === undefined ? 'one tensor' : n}`);
    }
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    this.checkCount(Array.isArray(inputs) ? inputs.length : undefined);
    return this.merge(inputs as Tensor[]);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    this.checkCount(isShapeList(inputShape) ? inputShape.length : undefined);
    return (inputShape as SymbolicShape[]).reduce((a, b) => broadcastSymbolic(this.name, a, b));
  }
}

/** `fromConfig` for merge layers whose config is only the base fields. */
export function mergeFromConfig<L>(cls: new (args: LayerArgs) => L, className: string, config: ConfigDict): L {
  return new cls(baseArgs(new ConfigReader(config, className)));
}
