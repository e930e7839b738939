/**
 * Randomly translates images during training (Keras 3's `RandomTranslation`; TensorFlow.js 4.22
 * has none): each image moves by dy = U(lower, upper) * height rows and dx likewise columns, the
 * factors given as a fraction f (meaning [-f, f]) or a pair [lower, upper]; the uncovered area is
 * filled per `fillMode` ('reflect' default, 'wrap', 'constant' with `fillValue`, 'nearest') and
 * values are `interpolation` 'bilinear' (default) or 'nearest', as TensorFlow's
 * ImageProjectiveTransform computes them. At inference inputs pass through unchanged.
 */
import {
  add,
  ArgumentError,
  cast,
  expandDims,
  hash32,
  ModelFormatError,
  mul,
  randomUniform,
  slice,
  squeeze,
  type Tensor,
} from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { checkImages } from './image-utils.js';
import { FILL_MODES, type FillMode, translateImages } from './translate.js';

export interface RandomTranslationArgs extends LayerArgs {
  heightFactor: number | [number, number];
  widthFactor: number | [number, number];
  fillMode?: FillMode;
  interpolation?: 'bilinear' | 'nearest';
  seed?: number | null;
  fillValue?: number;
}

export class RandomTranslation extends Layer {
  static override readonly className = 'RandomTranslation';
  readonly heightFactor: number | [number, number];
  readonly widthFactor: number | [number, number];
  readonly fillMode: FillMode;
  readonly interpolation: 'bilinear' | 'nearest';
  readonly seed: number | undefined;
  readonly fillValue: number;
  private calls = 0;

  constructor(args: RandomTranslationArgs) {
    super(args);
    this.heightFactor = factor(this.name, 'heightFactor', args?.heightFactor);
    this.widthFactor = factor(this.name, 'widthFactor', args.widthFactor);
    const mode = args.fillMode ?? 'reflect';
    if (!FILL_MODES.includes(mode)) {
      throw new ArgumentError(
        `${this.name}: fillMode must be one of ${FILL_MODES.map((m) => `'${m}'`).join(', ')}, got ${JSON.stringify(args.fillMode)}`,
      );
    }
    this.fillMode = mode;
    const interpolation = args.interpolation ?? 'bilinear';
    if (interpolation !== 'bilinear' && interpolation !== 'nearest') {
      throw new ArgumentError(`${this.name}: interpolation must be 'bilinear' or 'nearest', got ${JSON.stringify(args.interpolation)}`);
    }
    this.interpolation = interpolation;
    if (args.seed !== undefined && args.seed !== null && !Number.isInteger(args.seed)) {
      throw new ArgumentError(`${this.name}: seed must be an integer, got ${JSON.stringify(args.seed)}`);
    }
    this.seed = args.seed ?? undefined;
    this.fillValue = args.fillValue ?? 0;
    if (!Number.isFinite(this.fillValue))
      throw new ArgumentError(`${this.name}: fillValue must be a finite number, got ${String(args.fillValue)}`);
  }

  call(inputs: Tensor | Tensor[], options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    checkImages(this.name, x.shape);
    if (!options.training) return x;
    const x4f = cast(x.rank === 4 ? x : expandDims(x, 0), 'float32');
    const [b, h, w] = x4f.shape;
    const seed = this.seed === undefined ? undefined : hash32((this.seed ^ Math.imul(++this.calls, 0x9e3779b1)) >>> 0);
    const u = randomUniform([b, 2], 0, 1, 'float32', seed);
    const shift = (f: number | [number, number], col: number, size: number) => {
      const [lo, hi] = typeof f === 'number' ? [-f, f] : f;
      return mul(add(mul(slice(u, [0, col], [b, 1]), hi - lo), lo), size);
    };
    const y = translateImages(
      x4f,
      shift(this.heightFactor, 0, h),
      shift(this.widthFactor, 1, w),
      this.fillMode,
      this.interpolation,
      this.fillValue,
    );
    return x.rank === 4 ? y : squeeze(y, [0]);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    checkImages(this.name, s);
    return s;
  }

  override getConfig(): ConfigDict {
    const f = (v: number | [number, number]) => (typeof v === 'number' ? v : [...v]);
    return {
      heightFactor: f(this.heightFactor),
      widthFactor: f(this.widthFactor),
      fillMode: this.fillMode,
      interpolation: this.interpolation,
      seed: this.seed ?? null,
      fillValue: this.fillValue,
      ...super.getConfig(),
    };
  }

  static override fromConfig(config: ConfigDict): RandomTranslation {
    const r = new ConfigReader(config, 'RandomTranslation');
    const pair = (key: string): number | [number, number] => {
      const v = r.optNumbers(key);
      if (typeof v === 'number') return v;
      if (Array.isArray(v) && v.length === 2) return [v[0], v[1]];
      throw new ModelFormatError(
        `RandomTranslation: config field '${key}' must be a number or a pair of numbers, got ${JSON.stringify(config[key])}`,
      );
    };
    const format = r.optString('dataFormat');
    if (format !== undefined && format !== 'channels_last') {
      throw new ModelFormatError(`RandomTranslation: only data_format 'channels_last' is supported, got ${JSON.stringify(format)}`);
    }
    return new RandomTranslation({
      ...baseArgs(r),
      heightFactor: pair('heightFactor'),
      widthFactor: pair('widthFactor'),
      fillMode: r.optString('fillMode') as FillMode | undefined,
      interpolation: r.optString('interpolation') as 'bilinear' | 'nearest' | undefined,
      seed: r.optNumber('seed'),
      fillValue: r.optNumber('fillValue'),
    });
  }
}

function factor(layer: string, name: string, v: unknown): number | [number, number] {
  const ok = (d: unknown) => typeof d === 'number' && Number.isFinite(d) && Math.abs(d) <= 1;
  if (typeof v === 'number' && ok(v) && v >= 0) return v;
  if (Array.isArray(v) && v.length === 2 && v.every(ok) && v[0] <= v[1]) return [v[0], v[1]];
  throw new ArgumentError(
    `${layer}: ${name} must be a fraction in [0, 1] or a pair [lower, upper] within [-1, 1], got ${JSON.stringify(v)}`,
  );
}
