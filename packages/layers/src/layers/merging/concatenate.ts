/** Joins several inputs along `axis` (default -1); the other dimensions must match. */
import { ArgumentError, concat, ShapeError, type Tensor } from '@tensile/core';
import { baseArgs, isShapeList, Layer, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';

export interface ConcatenateArgs extends LayerArgs {
  axis?: number;
}

export class Concatenate extends Layer {
  static override readonly className = 'Concatenate';
  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    this.axis = args.axis ?? -1;
    if (!Number.isInteger(this.axis)) throw new ArgumentError(`${this.name}: axis must be an integer, got ${JSON.stringify(args.axis)}`);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    if (!Array.isArray(inputs) || inputs.length < 2) {
      throw new ArgumentError(
        `${this.name}: Concatenate needs a list of at least 2 inputs, got ${Array.isArray(inputs) ? inputs.length : 1}`,
      );
    }
    return concat(inputs, this.axis);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    if (!isShapeList(inputShape) || inputShape.length < 2)
      throw new ArgumentError(`${this.name}: Concatenate needs a list of at least 2 inputs`);
    const rank = inputShape[0].length;
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    if (axis < 0 || axis >= rank) throw new ShapeError(`${this.name}: axis ${this.axis} is out of range for inputs of rank ${rank}`);
    const out = [...inputShape[0]];
    for (const s of inputShape.slice(1)) {
      const mismatch = s.length !== rank || s.some((d, i) => i !== axis && d !== null && out[i] !== null && d !== out[i]);
      if (mismatch) {
        throw new ShapeError(
          `${this.name}: inputs must match except along axis ${this.axis}, got ${inputShape.map((x) => `(${x.join(', ')})`).join(' and ')}`,
        );
      }
      const a = out[axis];
      const b = s[axis];
      out[axis] = a === null || b === null ? null : a + b;
    }
    return out;
  }

  override getConfig(): ConfigDict {
    return { axis: this.axis, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): Concatenate {
    const r = new ConfigReader(config, 'Concatenate');
    return new Concatenate({ ...baseArgs(r), axis: r.optNumber('axis') });
  }
}
