/** 1-D convolution over [batch, steps, channels] inputs with [k, in, out] kernels, as Keras' Conv1D. */
import { add, ArgumentError, conv1d, ShapeError, type Conv1dPadding, type Tensor, type Variable } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import { formatSymbolicShape, type SymbolicShape } from '../../symbolic-tensor.js';
import {
  checkDataFormat,
  convOutputLength,
  positiveInt,
  readWeightOptions,
  weightOptions,
  convConfig,
  type ActivationArg,
  type InitializerArg,
  type RegularizerArg,
  type WeightOptions,
} from '../utils.js';

/** Keras 3's 'causal' pads only the start, so step t sees steps <= t (TensorFlow.js 4.22 throws on it). */
export type Conv1DPadding = 'valid' | 'same' | 'causal';

export interface Conv1DArgs extends LayerArgs {
  filters: number;
  kernelSize: number | readonly number[];
  strides?: number | readonly number[];
  padding?: Conv1DPadding;
  dataFormat?: 'channels_last';
  dilationRate?: number | readonly number[];
  activation?: ActivationArg | null;
  useBias?: boolean;
  kernelInitializer?: InitializerArg;
  biasInitializer?: InitializerArg;
  kernelRegularizer?: RegularizerArg | null;
  biasRegularizer?: RegularizerArg | null;
}

/** A number or a one-element array of a positive integer (TF.js and Keras write `[k]`). */
export function normalizeSingle(layer: string, name: string, v: number | readonly number[] | undefined, fallback: number): number {
  const n = v === undefined ? fallback : typeof v === 'number' ? v : Array.isArray(v) && v.length === 1 ? v[0] : Number.NaN;
  if (!Number.isInteger(n) || n < 1) {
    throw new ArgumentError(`${layer}: ${name} must be a positive integer or a one-element array of one, got ${JSON.stringify(v)}`);
  }
  return n;
}

function checkPadding1D(layer: string, padding: string | undefined): Conv1DPadding {
  const p = padding ?? 'valid';
  if (p === 'valid' || p === 'same' || p === 'causal') return p;
  throw new ArgumentError(`${layer}: padding must be 'valid', 'same' or 'causal', got ${JSON.stringify(padding)}`);
}

export class Conv1D extends Layer {
  static override readonly className = 'Conv1D';
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly padding: Conv1DPadding;
  readonly dilationRate: number;
  readonly useBias: boolean;
  readonly options: WeightOptions;
  kernel: Variable | undefined;
  bias: Variable | undefined;

  constructor(args: Conv1DArgs) {
    super(args);
    this.filters = positiveInt(this.name, 'filters', args.filters);
    this.kernelSize = normalizeSingle(this.name, 'kernelSize', args.kernelSize, 1);
    this.strides = normalizeSingle(this.name, 'strides', args.strides, 1);
    this.padding = checkPadding1D(this.name, args.padding);
    checkDataFormat(this.name, args.dataFormat);
    this.dilationRate = normalizeSingle(this.name, 'dilationRate', args.dilationRate, 1);
    if (this.strides !== 1 && this.dilationRate !== 1) {
      throw new ArgumentError(`${this.name}: strides and dilationRate cannot both exceed 1, got ${this.strides} and ${this.dilationRate}`);
    }
    this.useBias = args.useBias ?? true;
    this.options = weightOptions(args);
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const shape = singleShape(this.name, inputShape);
    const channels = shape[2];
    if (shape.length !== 3 || channels === null) {
      throw new ShapeError(
        `${this.name}: Conv1D needs rank-3 inputs [batch, steps, channels] with known channels, got ${formatSymbolicShape(shape)}`,
      );
    }
    const o = this.options;
    this.kernel = this.addWeight('kernel', [this.kernelSize, channels, this.filters], 'float32', o.kernelInitializer, o.kernelRegularizer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', o.biasInitializer, o.biasRegularizer);
    super.build(inputShape);
  }

  private outputLength(steps: number | null, shape: readonly (number | null)[]): number | null {
    const padding = this.padding === 'valid' ? 'valid' : 'same';
    const out = convOutputLength(steps, this.kernelSize, padding, this.strides, this.dilationRate);
    if (out !== null && out <= 0) {
      const span = (this.kernelSize - 1) * this.dilationRate + 1;
      throw new ShapeError(
        `${this.name}: kernel of size ${this.kernelSize}${this.dilationRate > 1 ? ` (dilation ${this.dilationRate}, span ${span})` : ''} does not fit input ${formatSymbolicShape(shape)} of ${steps} steps with padding 'valid'`,
      );
    }
    return out;
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    if (s.length !== 3)
      throw new ShapeError(`${this.name}: Conv1D needs rank-3 inputs [batch, steps, channels], got ${formatSymbolicShape(s)}`);
    return [s[0], this.outputLength(s[1], s), this.filters];
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    const kernel = this.kernel;
    if (!kernel) throw new ShapeError(`${this.name}: called before build`);
    if (x.rank !== 3) {
      throw new ShapeError(`${this.name}: Conv1D needs rank-3 inputs [batch, steps, channels], got shape [${x.shape.join(', ')}]`);
    }
    this.outputLength(x.shape[1], x.shape);
    const pad: Conv1dPadding =
      this.padding === 'causal'
        ? [
            [0, 0],
            [(this.kernelSize - 1) * this.dilationRate, 0],
            [0, 0],
          ]
        : this.padding;
    const z = conv1d(x, kernel, this.strides, pad, 'NWC', this.dilationRate);
    return this.options.activation.apply(this.bias ? add(z, this.bias) : z);
  }

  override getConfig(): ConfigDict {
    // TensorFlow.js writes no data_format for Conv1D.
    const geometry = {
      filters: this.filters,
      kernelSize: [this.kernelSize],
      strides: [this.strides],
      padding: this.padding,
      dilationRate: [this.dilationRate],
      useBias: this.useBias,
    };
    return { ...convConfig(geometry, this.options), ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): Conv1D {
    const r = new ConfigReader(config, 'Conv1D');
    return new Conv1D({
      ...baseArgs(r),
      filters: r.number('filters'),
      kernelSize: r.optNumbers('kernelSize') ?? 1,
      strides: r.optNumbers('strides'),
      padding: checkPadding1D('Conv1D', r.optString('padding')),
      dataFormat: checkDataFormat('Conv1D', r.optString('dataFormat')),
      dilationRate: r.optNumbers('dilationRate'),
      useBias: r.optBoolean('useBias'),
      ...readWeightOptions(r),
    });
  }
}
