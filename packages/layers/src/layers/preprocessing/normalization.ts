/**
 * Keras 3's `Normalization`: `(x - mean) / max(sqrt(variance), 1e-7)` per index along `axis`
 * (default -1: per feature/channel), or the inverse `mean + x * max(sqrt(variance), 1e-7)` with
 * `invert`. The statistics are given (`mean`, `variance`, written into the config as Keras does)
 * or computed by `adapt(data)` (population mean and variance over every other axis), then held
 * in the non-trainable weights `mean` and `variance` that are saved with the model, as Keras 3
 * names them. TensorFlow.js 4.22 has no such layer: a model holding it does not load there.
 */
import {
  add,
  ArgumentError,
  cast,
  div,
  maximum,
  mean as meanOp,
  ModelFormatError,
  mul,
  reshape,
  ShapeError,
  sqrt,
  square,
  sub,
  type Tensor,
  tensor,
  tidy,
  type Variable,
} from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict, type JsonValue } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';

export interface NormalizationArgs extends LayerArgs {
  /** Axes that keep their own statistics (default -1); null or [] for one mean and variance. */
  axis?: number | number[] | null;
  mean?: number | number[] | null;
  variance?: number | number[] | null;
  invert?: boolean;
}

const EPSILON = 1e-7;

export class Normalization extends Layer {
  static override readonly className = 'Normalization';
  readonly axis: number[];
  readonly invert: boolean;
  readonly inputMean: number | number[] | undefined;
  readonly inputVariance: number | number[] | undefined;
  private keep: number[] = [];
  private broadcastShape: number[] = [];
  private meanWeight: Variable | undefined;
  private varianceWeight: Variable | undefined;

  constructor(args: NormalizationArgs = {}) {
    super(args);
    const a = args.axis === undefined ? [-1] : args.axis === null ? [] : typeof args.axis === 'number' ? [args.axis] : args.axis;
    if (!Array.isArray(a) || !a.every((v) => Number.isInteger(v))) {
      throw new ArgumentError(`${this.name}: axis must be an integer, a list of integers or null, got ${JSON.stringify(args.axis)}`);
    }
    this.axis = [...a];
    this.invert = args.invert ?? false;
    const hasMean = args.mean !== undefined && args.mean !== null;
    const hasVariance = args.variance !== undefined && args.variance !== null;
    if (hasMean !== hasVariance) {
      throw new ArgumentError(
        `${this.name}: give both mean and variance, or neither (and call adapt), got only ${hasMean ? 'mean' : 'variance'}`,
      );
    }
    for (const [key, v] of [
      ['mean', args.mean],
      ['variance', args.variance],
    ] as const) {
      if (v !== undefined && v !== null && !(typeof v === 'number' ? Number.isFinite(v) : Array.isArray(v) && v.every(Number.isFinite))) {
        throw new ArgumentError(`${this.name}: ${key} must be a finite number or a list of them, got ${JSON.stringify(v)}`);
      }
    }
    this.inputMean = hasMean ? (args.mean as number | number[]) : undefined;
    this.inputVariance = hasVariance ? (args.variance as number | number[]) : undefined;
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const shape = singleShape(this.name, inputShape);
    const rank = shape.length;
    this.keep = this.axis.map((ax) => {
      const r = ax < 0 ? ax + rank : ax;
      if (r < 1 || r >= rank) {
        throw new ShapeError(
          `${this.name}: axis ${ax} is out of range for inputs of shape (${shape.map(String).join(', ')}) (the batch axis 0 cannot be kept)`,
        );
      }
      if (shape[r] === null)
        throw new ShapeError(`${this.name}: axis ${ax} needs a known dimension, got inputs of shape (${shape.map(String).join(', ')})`);
      return r;
    });
    const statShape = this.keep.map((r) => shape[r] as number);
    this.broadcastShape = shape.map((d, i) => (this.keep.includes(i) ? (d as number) : 1));
    if (this.inputMean === undefined) {
      this.meanWeight = this.addWeight('mean', statShape, 'float32', 'zeros', undefined, false);
      this.varianceWeight = this.addWeight('variance', statShape, 'float32', 'ones', undefined, false);
    } else {
      const n = statShape.reduce((p, d) => p * d, 1);
      for (const [key, v] of [
        ['mean', this.inputMean],
        ['variance', this.inputVariance],
      ] as const) {
        if (Array.isArray(v) && v.length !== n) {
          throw new ShapeError(
            `${this.name}: ${key} has ${v.length} values, but axis [${this.axis.join(', ')}] of inputs (${shape.map(String).join(', ')}) needs ${n}`,
          );
        }
      }
    }
    super.build(inputShape);
  }

  private stat(given: number | number[] | undefined, weight: Variable | undefined): Tensor {
    if (weight) return reshape(weight, this.broadcastShape);
    if (typeof given === 'number') return tensor([given], []);
    return tensor(given ?? [], this.broadcastShape);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const raw = singleTensor(this.name, inputs);
    const x = raw.dtype === 'float32' ? raw : cast(raw, 'float32');
    const m = this.stat(this.inputMean, this.meanWeight);
    const std = maximum(sqrt(this.stat(this.inputVariance, this.varianceWeight)), EPSILON);
    return this.invert ? add(m, mul(x, std)) : div(sub(x, m), std);
  }

  /** Sets the mean and variance to those of `data` (one tensor holding the whole dataset). */
  adapt(data: Tensor): void {
    if (this.inputMean !== undefined)
      throw new ArgumentError(`${this.name}: adapt cannot change a mean and variance given in the constructor`);
    if (!this.built) {
      this.build([null, ...data.shape.slice(1)]);
      this.built = true;
    }
    if (data.rank !== this.broadcastShape.length || this.keep.some((r) => data.shape[r] !== this.broadcastShape[r])) {
      throw new ShapeError(
        `${this.name}: adapt got data of shape [${data.shape.join(', ')}], but the layer was built for (null, ${this.broadcastShape
          .slice(1)
          .map((d, i) => (this.keep.includes(i + 1) ? d : 'any'))
          .join(', ')})`,
      );
    }
    const reduce = data.shape.map((_, i) => i).filter((i) => !this.keep.includes(i));
    const [m, v] = tidy(() => {
      const x = data.dtype === 'float32' ? data : cast(data, 'float32');
      const mu = meanOp(x, reduce, true);
      const variance = meanOp(square(sub(x, mu)), reduce, true);
      const statShape = this.keep.map((r) => this.broadcastShape[r]);
      return [reshape(mu, statShape), reshape(variance, statShape)];
    });
    this.meanWeight?.assign(m);
    this.varianceWeight?.assign(v);
    m.dispose();
    v.dispose();
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return singleShape(this.name, inputShape);
  }

  override getConfig(): ConfigDict {
    const list = (v: number | number[] | undefined): JsonValue => (v === undefined ? null : Array.isArray(v) ? [...v] : v);
    return {
      axis: [...this.axis],
      invert: this.invert,
      mean: list(this.inputMean),
      variance: list(this.inputVariance),
      ...super.getConfig(),
    };
  }

  static override fromConfig(config: ConfigDict): Normalization {
    const r = new ConfigReader(config, 'Normalization');
    const stat = (key: string): number | number[] | undefined => {
      const v = r.raw(key);
      if (v === undefined || v === null) return undefined;
      if (typeof v === 'number' || (Array.isArray(v) && v.every((d): d is number => typeof d === 'number'))) return v;
      // Keras writes a multi-axis statistic as nested lists; the values in order are what we keep.
      if (Array.isArray(v)) return (v as JsonValue[]).flat(8).filter((d): d is number => typeof d === 'number');
      throw new ModelFormatError(`Normalization: config field '${key}' must be a number or a list of numbers, got ${JSON.stringify(v)}`);
    };
    const axis = r.raw('axis');
    return new Normalization({
      ...baseArgs(r),
      axis: axis === null ? null : (r.optNumbers('axis') ?? undefined),
      invert: r.optBoolean('invert'),
      mean: stat('mean'),
      variance: stat('variance'),
    });
  }
}
