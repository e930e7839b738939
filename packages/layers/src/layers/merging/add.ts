/** Elementwise sum of several inputs of the same shape (they broadcast, as Keras 3). */
import { add, ArgumentError, ShapeError, type Tensor } from '@tensile/core';
import { baseArgs, isShapeList, Layer, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';

export class Add extends Layer {
  static override readonly className = 'Add';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    if (!Array.isArray(inputs) || inputs.length < 2) {
      throw new ArgumentError(`${this.name}: Add needs a list of at least 2 inputs, got ${Array.isArray(inputs) ? inputs.length : 1}`);
    }
    return inputs.slice(1).reduce((sum, x) => add(sum, x), inputs[0]);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    if (!isShapeList(inputShape) || inputShape.length < 2) throw new ArgumentError(`${this.name}: Add needs a list of at least 2 inputs`);
    return inputShape.reduce((a, b) => broadcastSymbolic(this.name, a, b));
  }

  static override fromConfig(config: ConfigDict): Add {
    return new Add(baseArgs(new ConfigReader(config, 'Add')));
  }
}

/** NumPy broadcasting of shapes with unknown (null) dimensions. */
export function broadcastSymbolic(layer: string, a: SymbolicShape, b: SymbolicShape): SymbolicShape {
  const rank = Math.max(a.length, b.length);
  const out: (number | null)[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da === 1) out.push(db);
    else if (db === 1) out.push(da);
    else if (da === null || db === null) out.push(da ?? db);
    else if (da === db) out.push(da);
    else throw new ShapeError(`${layer}: inputs of shapes (${a.join(', ')}) and (${b.join(', ')}) cannot be added`);
  }
  return out;
}
