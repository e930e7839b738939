/** Repeats a `[batch, features]` input `n` times into `[batch, n, features]` (TF.js 4.22 `tf.layers.repeatVector({n})`). */
import { broadcastTo, ShapeError, type Tensor, expandDims } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { positiveInt } from '../utils.js';

export interface RepeatVectorArgs extends LayerArgs {
  n: number;
}

export class RepeatVector extends Layer {
  static override readonly className = 'RepeatVector';
  readonly n: number;

  constructor(args: RepeatVectorArgs) {
    super(args);
    this.n = positiveInt(this.name, 'n', args?.n);
  }

  private check(shape: readonly (number | null)[]): void {
    if (shape.length !== 2) {
      throw new ShapeError(
        `${this.name}: RepeatVector needs inputs of rank 2 [batch, features], got shape (${shape.map(String).join(', ')})`,
      );
    }
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    this.check(x.shape);
    return broadcastTo(expandDims(x, 1), [x.shape[0], this.n, x.shape[1]]);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    this.check(s);
    return [s[0], this.n, s[1]];
  }

  override getConfig(): ConfigDict {
    return { n: this.n, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): RepeatVector {
    const r = new ConfigReader(config, 'RepeatVector');
    return new RepeatVector({ ...baseArgs(r), n: r.number('n') });
  }
}
