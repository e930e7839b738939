/** 2-D convolution over NHWC inputs with HWIO kernels, as Keras' Conv2D. */
import { add, conv2d, fused, ShapeError, type Tensor, type Variable } from '@tensile/core';
import { fusedActivation } from '../../activations.js';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import {
  checkDataFormat,
  checkPadding,
  convOutputLength,
  normalizePair,
  pairConfig,
  positiveInt,
  readWeightOptions,
  weightOptions,
  convConfig,
  type ActivationArg,
  type InitializerArg,
  type Padding,
  type RegularizerArg,
  type WeightOptions,
} from '../utils.js';

export interface Conv2DArgs extends LayerArgs {
  filters: number;
  kernelSize: number | readonly [number, number];
  strides?: number | readonly [number, number];
  padding?: Padding;
  dataFormat?: 'channels_last';
  dilationRate?: number | readonly [number, number];
  activation?: ActivationArg | null;
  useBias?: boolean;
  kernelInitializer?: InitializerArg;
  biasInitializer?: InitializerArg;
  kernelRegularizer?: RegularizerArg | null;
  biasRegularizer?: RegularizerArg | null;
}

export class Conv2D extends Layer {
  static override readonly className = 'Conv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly dilationRate: [number, number];
  readonly useBias: boolean;
  readonly options: WeightOptions;
  kernel: Variable | undefined;
  bias: Variable | undefined;

  constructor(args: Conv2DArgs) {
    super(args);
    this.filters = positiveInt(this.name, 'filters', args.filters);
    this.kernelSize = normalizePair(this.name, 'kernelSize', args.kernelSize, 1);
    this.strides = normalizePair(this.name, 'strides', args.strides, 1);
    this.padding = checkPadding(this.name, args.padding);
    checkDataFormat(this.name, args.dataFormat);
    this.dilationRate = normalizePair(this.name, 'dilationRate', args.dilationRate, 1);
    this.useBias = args.useBias ?? true;
    this.options = weightOptions(args);
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const shape = singleShape(this.name, inputShape);
    const channels = shape[3];
    if (shape.length !== 4 || channels === null) {
      throw new ShapeError(
        `${this.name}: Conv2D needs rank-4 inputs [batch, height, width, channels] with known channels, got (${shape.join(', ')})`,
      );
    }
    const o = this.options;
    const kernelShape = [...this.kernelSize, channels, this.filters];
    this.kernel = this.addWeight('kernel', kernelShape, 'float32', o.kernelInitializer, o.kernelRegularizer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', o.biasInitializer, o.biasRegularizer);
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    if (s.length !== 4) throw new ShapeError(`${this.name}: Conv2D needs rank-4 inputs, got (${s.join(', ')})`);
    const h = convOutputLength(s[1], this.kernelSize[0], this.padding, this.strides[0], this.dilationRate[0]);
    const w = convOutputLength(s[2], this.kernelSize[1], this.padding, this.strides[1], this.dilationRate[1]);
    if ((h !== null && h <= 0) || (w !== null && w <= 0)) {
      throw new ShapeError(
        `${this.name}: kernel ${this.kernelSize.join('x')} does not fit input (${s.join(', ')}) with padding '${this.padding}'`,
      );
    }
    return [s[0], h, w, this.filters];
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    const kernel = this.kernel;
    if (!kernel) throw new ShapeError(`${this.name}: called before build`);
    if (x.rank !== 4)
      throw new ShapeError(`${this.name}: Conv2D needs rank-4 inputs [batch, height, width, channels], got shape [${x.shape.join(', ')}]`);
    const fusable = fusedActivation(this.options.activation);
    if (fusable) {
      return fused.conv2d({
        x,
        filter: kernel,
        strides: this.strides,
        pad: this.padding,
        dataFormat: 'NHWC',
        dilations: this.dilationRate,
        bias: this.bias,
        activation: fusable,
      });
    }
    const z = conv2d(x, kernel, this.strides, this.padding, 'NHWC', this.dilationRate);
    return this.options.activation.apply(this.bias ? add(z, this.bias) : z);
  }

  override getConfig(): ConfigDict {
    const geometry = {
      filters: this.filters,
      kernelSize: pairConfig(this.kernelSize),
      strides: pairConfig(this.strides),
      padding: this.padding,
      dataFormat: 'channels_last',
      dilationRate: pairConfig(this.dilationRate),
      useBias: this.useBias,
    };
    return { ...convConfig(geometry, this.options), ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): Conv2D {
    const r = new ConfigReader(config, 'Conv2D');
    const format = r.optString('dataFormat');
    return new Conv2D({
      ...baseArgs(r),
      filters: r.number('filters'),
      kernelSize: pairFrom(r, 'kernelSize') ?? 1,
      strides: pairFrom(r, 'strides'),
      padding: checkPadding('Conv2D', r.optString('padding')),
      dataFormat: checkDataFormat('Conv2D', format),
      dilationRate: pairFrom(r, 'dilationRate'),
      useBias: r.optBoolean('useBias'),
      ...readWeightOptions(r),
    });
  }
}

/** A kernel size or stride from a config, as a number or a [h, w] pair. */
export function pairFrom(r: ConfigReader, key: string): number | [number, number] | undefined {
  const v = r.optNumbers(key);
  if (v === undefined || typeof v === 'number') return v;
  return [v[0], v[1] ?? v[0]];
}
