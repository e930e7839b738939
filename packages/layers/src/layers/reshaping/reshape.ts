/** Reshapes every axis but the batch to `targetShape` (one entry may be -1). */
import { ArgumentError, reshape, ShapeError, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';

export interface ReshapeArgs extends LayerArgs {
  targetShape: readonly number[];
}

export class Reshape extends Layer {
  static override readonly className = 'Reshape';
  readonly targetShape: number[];

  constructor(args: ReshapeArgs) {
    super(args);
    const t = args.targetShape;
    if (!Array.isArray(t) || !t.every((d) => Number.isInteger(d) && (d >= 1 || d === -1)) || t.filter((d) => d === -1).length > 1) {
      throw new ArgumentError(`${this.name}: targetShape must be positive integers with at most one -1, got ${JSON.stringify(t)}`);
    }
    this.targetShape = [...t];
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    const [, ...rest] = this.resolve([x.shape[0], ...x.shape.slice(1)]);
    return reshape(x, [x.shape[0], ...rest.map((d) => d ?? -1)]);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return this.resolve(singleShape(this.name, inputShape));
  }

  /** The output shape; -1 resolves when the input's non-batch size is known. */
  private resolve(s: SymbolicShape): SymbolicShape {
    const rest = s.slice(1);
    const known = rest.every((d): d is number => d !== null) ? rest.reduce((a, b) => a * b, 1) : null;
    const fixed = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    if (!this.targetShape.includes(-1)) {
      if (known !== null && known !== fixed) {
        throw new ShapeError(
          `${this.name}: cannot reshape (${s.join(', ')}) (${known} values per sample) to (${this.targetShape.join(', ')}) (${fixed})`,
        );
      }
      return [s[0], ...this.targetShape];
    }
    if (known !== null && known % fixed !== 0) {
      throw new ShapeError(
        `${this.name}: cannot reshape (${s.join(', ')}) to (${this.targetShape.join(', ')}): ${known} is not a multiple of ${fixed}`,
      );
    }
    return [s[0], ...this.targetShape.map((d) => (d === -1 ? (known === null ? null : known / fixed) : d))];
  }

  override getConfig(): ConfigDict {
    return { targetShape: [...this.targetShape], ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): Reshape {
    const r = new ConfigReader(config, 'Reshape');
    const t = r.optNumbers('targetShape');
    if (!Array.isArray(t)) throw new ShapeError(`Reshape: config field 'target_shape' must be an array, got ${JSON.stringify(t)}`);
    return new Reshape({ ...baseArgs(r), targetShape: t });
  }
}
