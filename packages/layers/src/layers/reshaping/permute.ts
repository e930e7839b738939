/**
 * Permutes the non-batch axes (TensorFlow.js 4.22's `tf.layers.permute({dims})`, Keras' `Permute`):
 * `dims` is 1-based, e.g. [2, 1] swaps the two axes after the batch axis.
 */
import { ArgumentError, ShapeError, type Tensor, transpose } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';

export interface PermuteArgs extends LayerArgs {
  dims: number[];
}

export class Permute extends Layer {
  static override readonly className = 'Permute';
  readonly dims: number[];

  constructor(args: PermuteArgs) {
    super(args);
    const d = args?.dims;
    const sorted = Array.isArray(d) ? [...d].sort((a, b) => a - b) : [];
    if (!Array.isArray(d) || d.length === 0 || !sorted.every((v, i) => v === i + 1)) {
      throw new ArgumentError(
        `${this.name}: dims must be a permutation of 1..${Array.isArray(d) ? d.length : 'n'} (axis 0 is the batch), got ${JSON.stringify(d)}`,
      );
    }
    this.dims = [...d];
  }

  private check(rank: number, shape: readonly (number | null)[]): void {
    if (rank !== this.dims.length + 1) {
      throw new ShapeError(
        `${this.name}: dims [${this.dims.join(', ')}] permute ${this.dims.length} axes, but the input shape (${shape.map(String).join(', ')}) has ${rank - 1} after the batch axis`,
      );
    }
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    this.check(x.rank, x.shape);
    return transpose(x, [0, ...this.dims]);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    this.check(s.length, s);
    return [s[0], ...this.dims.map((d) => s[d])];
  }

  override getConfig(): ConfigDict {
    return { dims: [...this.dims], ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): Permute {
    const r = new ConfigReader(config, 'Permute');
    const dims = r.optNumbers('dims');
    return new Permute({ ...baseArgs(r), dims: typeof dims === 'number' ? [dims] : (dims ?? []) });
  }
}
