/** Flattens every axis but the batch: [batch, ...] -> [batch, product]. */
import { reshape, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';

export class Flatten extends Layer {
  static override readonly className = 'Flatten';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    return reshape(x, [x.shape[0], x.size / Math.max(x.shape[0], 1)]);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    const rest = s.slice(1);
    const size = rest.every((d): d is number => d !== null) ? rest.reduce((a, b) => a * b, 1) : null;
    return [s[0] ?? null, size];
  }

  static override fromConfig(config: ConfigDict): Flatten {
    return new Flatten(baseArgs(new ConfigReader(config, 'Flatten')));
  }
}
