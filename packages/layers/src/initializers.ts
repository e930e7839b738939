/**
 * Weight initializers, Keras 3 semantics. Every random one takes a `seed`: the same seed gives
 * the same values on every backend (core's random kernels are counter-based).
 */
import {
  ArgumentError,
  fill,
  ModelFormatError,
  randomNormal,
  randomUniform,
  tensor,
  truncatedNormal,
  type DType,
  type Shape,
  type Tensor,
} from '@tensile/core';
import type { SpellingsOfCamel } from './identifier-types.js';
import { ConfigReader, type ConfigDict, type SerializedObject } from './serialization.js';

export abstract class Initializer {
  /** The class name written in configs (TensorFlow.js' spelling). */
  abstract readonly className: string;
  abstract apply(shape: Shape, dtype?: DType): Tensor;
  getConfig(): ConfigDict {
    return {};
  }
}

export class Zeros extends Initializer {
  readonly className = 'Zeros';
  apply(shape: Shape, dtype: DType = 'float32'): Tensor {
    return fill(shape, 0, dtype);
  }
}

export class Ones extends Initializer {
  readonly className = 'Ones';
  apply(shape: Shape, dtype: DType = 'float32'): Tensor {
    return fill(shape, 1, dtype);
  }
}

export class Constant extends Initializer {
  readonly className = 'Constant';
  constructor(readonly value = 0) {
    super();
  }
  apply(shape: Shape, dtype: DType = 'float32'): Tensor {
    return fill(shape, this.value, dtype);
  }
  getConfig(): ConfigDict {
    return { value: this.value };
  }
}

export interface RandomConfig {
  seed?: number | null;
}

function floatDType(name: string, dtype: DType): 'float32' | 'int32' {
  if (dtype === 'bool') throw new ArgumentError(`${name}: cannot initialize a bool weight with random values`);
  return dtype;
}

export class RandomNormal extends Initializer {
  readonly className: string = 'RandomNormal';
  readonly mean: number;
  readonly stddev: number;
  readonly seed: number | undefined;
  constructor(config: RandomConfig & { mean?: number; stddev?: number } = {}) {
    super();
    this.mean = config.mean ?? 0;
    this.stddev = config.stddev ?? 0.05;
    this.seed = config.seed ?? undefined;
  }
  apply(shape: Shape, dtype: DType = 'float32'): Tensor {
    return randomNormal(shape, this.mean, this.stddev, floatDType(this.className, dtype), this.seed);
  }
  getConfig(): ConfigDict {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed ?? null };
  }
}

export class TruncatedNormal extends RandomNormal {
  override readonly className = 'TruncatedNormal';
  override apply(shape: Shape, dtype: DType = 'float32'): Tensor {
    return truncatedNormal(shape, this.mean, this.stddev, floatDType(this.className, dtype), this.seed);
  }
}

export class RandomUniform extends Initializer {
  readonly className = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;
  readonly seed: number | undefined;
  constructor(config: RandomConfig & { minval?: number; maxval?: number } = {}) {
    super();
    this.minval = config.minval ?? -0.05;
    this.maxval = config.maxval ?? 0.05;
    this.seed = config.seed ?? undefined;
  }
  apply(shape: Shape, dtype: DType = 'float32'): Tensor {
    return randomUniform(shape, this.minval, this.maxval, floatDType(this.className, dtype), this.seed);
  }
  getConfig(): ConfigDict {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed ?? null };
  }
}

export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type Distribution = 'truncated_normal' | 'untruncated_normal' | 'uniform';

/** Keras' fans: dense [in, out]; conv [..receptive field, in, out]. */
export function computeFans(shape: Shape): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}

export interface VarianceScalingConfig extends RandomConfig {
  scale?: number;
  mode?: FanMode;
  distribution?: Distribution;
}

/** Draws with variance scale / fan; glorot, he and lecun are this with fixed settings. */
export class VarianceScaling extends Initializer {
  readonly className = 'VarianceScaling';
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: Distribution;
  readonly seed: number | undefined;
  constructor(config: VarianceScalingConfig = {}) {
    super();
    this.scale = config.scale ?? 1;
    this.mode = config.mode ?? 'fan_in';
    this.distribution = config.distribution ?? 'truncated_normal';
    this.seed = config.seed ?? undefined;
    if (!(this.scale > 0)) throw new ArgumentError(`VarianceScaling: scale must be positive, got ${this.scale}`);
  }
  apply(shape: Shape, dtype: DType = 'float32'): Tensor {
    const [fanIn, fanOut] = computeFans(shape);
    const n = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / Math.max(1, n);
    const d = floatDType(this.className, dtype);
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return randomUniform(shape, -limit, limit, d, this.seed);
    }
    if (this.distribution === 'untruncated_normal') return randomNormal(shape, 0, Math.sqrt(variance), d, this.seed);
    // The stddev of a unit normal truncated to [-2, 2] is 0.8796...: Keras divides it out.
    return truncatedNormal(shape, 0, Math.sqrt(variance) / 0.87962566103423978, d, this.seed);
  }
  getConfig(): ConfigDict {
    // TensorFlow.js spells the truncated normal 'normal' and rejects Keras 3's 'truncated_normal'.
    const distribution = this.distribution === 'truncated_normal' ? 'normal' : this.distribution;
    return { scale: this.scale, mode: this.mode, distribution, seed: this.seed ?? null };
  }
}

/**
 * Keras' Orthogonal: a random matrix with orthonormal rows or columns (the last axis against the
 * others flattened), times `gain`. The QR step runs on the host (Gram-Schmidt over a seeded normal
 * draw), so every backend gets the same values without a QR kernel.
 */
export class Orthogonal extends Initializer {
  readonly className = 'Orthogonal';
  readonly gain: number;
  readonly seed: number | undefined;
  constructor(config: RandomConfig & { gain?: number } = {}) {
    super();
    this.gain = config.gain ?? 1;
    this.seed = config.seed ?? undefined;
  }
  apply(shape: Shape, dtype: DType = 'float32'): Tensor {
    const d = floatDType(this.className, dtype);
    if (shape.length < 2) throw new ArgumentError(`Orthogonal: the shape must have at least 2 dimensions, got [${shape.join(', ')}]`);
    const cols = shape[shape.length - 1];
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const [n, m] = [Math.max(rows, cols), Math.min(rows, cols)];
    const q = gramSchmidt(hostNormal(n * m, this.seed ?? Math.floor(Math.random() * 2 ** 31)), n, m);
    const out = new Float32Array(rows * cols);
    // q is n x m with orthonormal columns; a wide matrix takes its transpose.
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) out[i * cols + j] = this.gain * (rows >= cols ? q[i * m + j] : q[j * m + i]);
    return tensor(out, shape, d);
  }
  getConfig(): ConfigDict {
    return { gain: this.gain, seed: this.seed ?? null };
  }
}

/** Standard normal draws from a seeded mulberry32 stream (Box-Muller). */
function hostNormal(count: number, seed: number): Float64Array {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
  };
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
  return out;
}

/** Orthonormalises the m columns of the n x m row-major matrix `a` (n >= m), in place. */
function gramSchmidt(a: Float64Array, n: number, m: number): Float64Array {
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < j; k++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += a[i * m + j] * a[i * m + k];
      for (let i = 0; i < n; i++) a[i * m + j] -= dot * a[i * m + k];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += a[i * m + j] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) a[i * m + j] /= norm;
  }
  return a;
}

const vs =
  (scale: number, mode: FanMode, distribution: Distribution) =>
  (config: RandomConfig = {}) =>
    new VarianceScaling({ scale, mode, distribution, seed: config.seed });

/** Factories, Keras names in camelCase: `initializers.heNormal({seed: 1})`. */
export const initializers = {
  zeros: () => new Zeros(),
  ones: () => new Ones(),
  constant: (config: { value?: number } = {}) => new Constant(config.value ?? 0),
  randomNormal: (config?: RandomConfig & { mean?: number; stddev?: number }) => new RandomNormal(config),
  randomUniform: (config?: RandomConfig & { minval?: number; maxval?: number }) => new RandomUniform(config),
  truncatedNormal: (config?: RandomConfig & { mean?: number; stddev?: number }) => new TruncatedNormal(config),
  varianceScaling: (config?: VarianceScalingConfig) => new VarianceScaling(config),
  glorotUniform: vs(1, 'fan_avg', 'uniform'),
  glorotNormal: vs(1, 'fan_avg', 'truncated_normal'),
  heNormal: vs(2, 'fan_in', 'truncated_normal'),
  heUniform: vs(2, 'fan_in', 'uniform'),
  lecunNormal: vs(1, 'fan_in', 'truncated_normal'),
  lecunUniform: vs(1, 'fan_in', 'uniform'),
  orthogonal: (config?: RandomConfig & { gain?: number }) => new Orthogonal(config),
};

/**
 * Every initializer name accepted: TF.js camelCase (its 'leCunNormal' too), Keras snake_case and
 * the class names, so a misspelt name fails to compile.
 */
export type InitializerIdentifier = SpellingsOfCamel<keyof typeof initializers> | 'leCunNormal' | 'leCunUniform';

/** Lower-case, no underscores: 'glorot_uniform', 'glorotUniform' and 'GlorotUniform' all match. */
const byKey = new Map<string, (r: ConfigReader) => Initializer>([
  ['zeros', () => new Zeros()],
  ['ones', () => new Ones()],
  ['constant', (r) => new Constant(r.optNumber('value') ?? 0)],
  ['randomnormal', (r) => new RandomNormal({ mean: r.optNumber('mean'), stddev: r.optNumber('stddev'), seed: r.optNumber('seed') })],
  ['truncatednormal', (r) => new TruncatedNormal({ mean: r.optNumber('mean'), stddev: r.optNumber('stddev'), seed: r.optNumber('seed') })],
  ['randomuniform', (r) => new RandomUniform({ minval: r.optNumber('minval'), maxval: r.optNumber('maxval'), seed: r.optNumber('seed') })],
  [
    'variancescaling',
    (r) => new VarianceScaling({ scale: r.optNumber('scale'), mode: fanMode(r), distribution: distribution(r), seed: r.optNumber('seed') }),
  ],
  ['orthogonal', (r) => new Orthogonal({ gain: r.optNumber('gain'), seed: r.optNumber('seed') })],
  ...(['glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'lecunNormal', 'lecunUniform'] as const).map(
    (name): [string, (r: ConfigReader) => Initializer] => [name.toLowerCase(), (r) => initializers[name]({ seed: r.optNumber('seed') })],
  ),
]);

function fanMode(r: ConfigReader): FanMode | undefined {
  const m = r.optString('mode');
  if (m === undefined || m === 'fan_in' || m === 'fan_out' || m === 'fan_avg') return m;
  const camel: Record<string, FanMode> = { fanIn: 'fan_in', fanOut: 'fan_out', fanAvg: 'fan_avg' };
  if (camel[m]) return camel[m];
  throw new ModelFormatError(`VarianceScaling: mode must be fan_in, fan_out or fan_avg, got '${m}'`);
}

function distribution(r: ConfigReader): Distribution | undefined {
  const d = r.optString('distribution');
  if (d === undefined) return undefined;
  if (d === 'normal' || d === 'truncated_normal' || d === 'truncatedNormal') return 'truncated_normal';
  if (d === 'untruncated_normal' || d === 'uniform') return d;
  throw new ModelFormatError(`VarianceScaling: distribution must be truncated_normal, untruncated_normal or uniform, got '${d}'`);
}

/** An initializer from a name, a serialized `{className, config}`, or an instance. */
export function getInitializer(identifier: string | SerializedObject | Initializer | null | undefined, fallback: string): Initializer {
  if (identifier instanceof Initializer) return identifier;
  const id = identifier ?? fallback;
  const name = typeof id === 'string' ? id : id.className;
  const make = byKey.get(name.replace(/_/g, '').toLowerCase());
  if (!make) {
    throw new ArgumentError(`initializer: unknown initializer '${name}'; expected one of ${Object.keys(initializers).join(', ')}`);
  }
  return make(new ConfigReader(typeof id === 'string' ? {} : id.config, name));
}

export function serializeInitializer(init: Initializer): ConfigDict {
  return { className: init.className, config: init.getConfig() };
}
