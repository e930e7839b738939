/**
 * Dot product of two samples along `axes` (TensorFlow.js 4.22's `tf.layers.dot`, Keras' `Dot`):
 * `[b, n] . [b, n]` along 1 gives `[b, 1]`; rank-3 inputs give a batched matrix product. As in
 * TensorFlow.js, inputs are rank 2 or 3; `normalize` L2-normalises both along their axes first,
 * so the result is the cosine proximity (epsilon 1e-7 on the squared norm, as TF.js).
 */
import {
  ArgumentError,
  ModelFormatError,
  cast,
  div,
  expandDims,
  matMul,
  maximum,
  mul,
  reshape,
  ShapeError,
  sqrt,
  square,
  squeeze,
  sum,
  type Tensor,
  transpose,
} from '@tensile/core';
import { baseArgs, isShapeList, Layer, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';

export interface DotArgs extends LayerArgs {
  /** The axis of both inputs, or one axis per input; negative counts from the end. */
  axes: number | [number, number];
  normalize?: boolean;
}

const EPSILON = 1e-7;

export class Dot extends Layer {
  static override readonly className = 'Dot';
  readonly axes: number | [number, number];
  readonly normalize: boolean;

  constructor(args: DotArgs) {
    super(args);
    const a = args?.axes;
    const ok = Number.isInteger(a) || (Array.isArray(a) && a.length === 2 && a.every((v) => Number.isInteger(v)));
    if (!ok) throw new ArgumentError(`${this.name}: axes must be an integer or a pair of integers, got ${JSON.stringify(a)}`);
    this.axes = Array.isArray(a) ? [a[0], a[1]] : a;
    this.normalize = args.normalize ?? false;
  }

  /** Both axes resolved against the ranks, after checking the inputs are two of rank 2 or 3. */
  private resolve(shapes: readonly (readonly (number | null)[])[]): [number, number] {
    if (shapes.length !== 2) throw new ArgumentError(`${this.name}: Dot needs a list of exactly 2 inputs, got ${shapes.length}`);
    const [s1, s2] = shapes;
    if (s1.length < 2 || s1.length > 3 || s2.length < 2 || s2.length > 3) {
      throw new ShapeError(`${this.name}: Dot takes inputs of rank 2 or 3 (as TensorFlow.js), got shapes ${fmt(s1)} and ${fmt(s2)}`);
    }
    const pair = Array.isArray(this.axes) ? this.axes : [this.axes, this.axes];
    const axes = pair.map((ax, i) => {
      const rank = shapes[i].length;
      const r = ax < 0 ? ax + rank : ax;
      if (r < 0 || r >= rank) throw new ShapeError(`${this.name}: axis ${ax} is out of range for input ${i} of rank ${rank}`);
      return r;
    }) as [number, number];
    const d1 = s1[axes[0]];
    const d2 = s2[axes[1]];
    if (d1 !== null && d2 !== null && d1 !== d2) {
      throw new ShapeError(
        `${this.name}: Dot needs equal dimensions along axes [${axes.join(', ')}], got ${d1} vs ${d2} for shapes ${fmt(s1)} and ${fmt(s2)}`,
      );
    }
    return axes;
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    if (!Array.isArray(inputs)) throw new ArgumentError(`${this.name}: Dot needs a list of exactly 2 inputs, got one tensor`);
    const axes = this.resolve(inputs.map((t) => t.shape));
    let [x, y] = inputs;
    if (this.normalize) {
      x = l2Normalize(x, axes[0]);
      y = l2Normalize(y, axes[1]);
    }
    return batchDot(x, y, axes);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    if (!isShapeList(inputShape)) throw new ArgumentError(`${this.name}: Dot needs a list of exactly 2 inputs, got one`);
    const axes = this.resolve(inputShape);
    const s1 = inputShape[0].filter((_, i) => i !== axes[0]);
    const s2 = inputShape[1].filter((_, i) => i !== axes[1]).slice(1);
    const out = [...s1, ...s2];
    return out.length === 1 ? [...out, 1] : out;
  }

  override getConfig(): ConfigDict {
    return { axes: Array.isArray(this.axes) ? [...this.axes] : this.axes, normalize: this.normalize, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): Dot {
    const r = new ConfigReader(config, 'Dot');
    const axes = r.optNumbers('axes');
    if (axes === undefined || (Array.isArray(axes) && axes.length !== 2)) {
      throw new ModelFormatError(`Dot: config field 'axes' must be an integer or a pair of integers, got ${JSON.stringify(config.axes)}`);
    }
    return new Dot({ ...baseArgs(r), axes: Array.isArray(axes) ? [axes[0], axes[1]] : axes, normalize: r.optBoolean('normalize') });
  }
}

const fmt = (s: readonly (number | null)[]): string => `(${s.map(String).join(', ')})`;

function l2Normalize(x: Tensor, axis: number): Tensor {
  const xf = x.dtype === 'float32' ? x : cast(x, 'float32');
  return div(xf, sqrt(maximum(sum(square(xf), axis, true), EPSILON)));
}

/** Keras' batch_dot for ranks 2 and 3 (the batch axis 0 is kept). */
function batchDot(x0: Tensor, y0: Tensor, axes: [number, number]): Tensor {
  let x = x0;
  let y = y0;
  const xRank = x.rank;
  const yRank = y.rank;
  const diff = Math.abs(xRank - yRank);
  if (xRank > yRank) y = reshape(y, [...y.shape, ...Array<number>(diff).fill(1)]);
  else if (yRank > xRank) x = reshape(x, [...x.shape, ...Array<number>(diff).fill(1)]);
  let out: Tensor;
  if (x.rank === 2 && y.rank === 2) {
    out = axes[0] === axes[1] ? sum(mul(x, y), axes[0]) : sum(mul(transpose(x, [1, 0]), y), axes[1]);
  } else {
    out = matMul(x, y, axes[0] !== x.rank - 1, axes[1] === y.rank - 1);
  }
  if (diff > 0) {
    const start = xRank > yRank ? xRank + yRank - 3 : xRank - 1;
    out = squeeze(
      out,
      Array.from({ length: diff }, (_, i) => start + i),
    );
  }
  return out.rank === 1 ? expandDims(out, 1) : out;
}
