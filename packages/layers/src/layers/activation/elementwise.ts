/** The base of the activation layers: one input, output of the same shape. */
import { ArgumentError, type Tensor } from '@tensile/core';
import { Layer, singleShape, singleTensor, type CallOptions } from '../../layer.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';

export abstract class ElementwiseActivation extends Layer {
  protected abstract activate(x: Tensor): Tensor;

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    return this.activate(singleTensor(this.name, inputs));
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return singleShape(this.name, inputShape);
  }
}

/** A finite number, or an ArgumentError naming the layer and the option. */
export function finiteOption(layer: string, name: string, v: number, min?: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (min !== undefined && v < min)) {
    const wanted = min === undefined ? 'a finite number' : `a finite number >= ${min}`;
    throw new ArgumentError(`${layer}: ${name} must be ${wanted}, got ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`);
  }
  return v;
}
