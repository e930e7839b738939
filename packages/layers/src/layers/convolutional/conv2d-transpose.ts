/** Transposed 2-D convolution over NHWC inputs, as TF.js' Conv2DTranspose (kernel [kh, kw, filters, inChannels]). */
import { add, ArgumentError, conv2dTranspose, ShapeError, type Tensor, type Variable } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import {
  checkDataFormat,
  checkPadding,
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
import { pairFrom } from './conv2d.js';
import { channelsOf } from './depthwise-conv2d.js';

export interface Conv2DTransposeArgs extends LayerArgs {
  filters: number;
  kernelSize: number | readonly [number, number];
  strides?: number | readonly [number, number];
  padding?: Padding;
  dataFormat?: 'channels_last';
  /** Only 1: TF.js 4.22's Conv2DTranspose has no dilation. */
  dilationRate?: number | readonly [number, number];
  activation?: ActivationArg | null;
  useBias?: boolean;
  kernelInitializer?: InitializerArg;
  biasInitializer?: InitializerArg;
  kernelRegularizer?: RegularizerArg | null;
  biasRegularizer?: RegularizerArg | null;
}

/** Keras' deconv_output_length without output padding or dilation; null stays null. */
function deconvLength(size: number | null, kernel: number, padding: Padding, stride: number): number | null {
  if (size === null) return null;
  return padding === 'same' ? size * stride : (size - 1) * stride + kernel;
}

export class Conv2DTranspose extends Layer {
  static override readonly className = 'Conv2DTranspose';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly useBias: boolean;
  readonly options: WeightOptions;
  kernel: Variable | undefined;
  bias: Variable | undefined;

  constructor(args: Conv2DTransposeArgs) {
    super(args);
    this.filters = positiveInt(this.name, 'filters', args.filters);
    this.kernelSize = normalizePair(this.name, 'kernelSize', args.kernelSize, 1);
    this.strides = normalizePair(this.name, 'strides', args.strides, 1);
    this.padding = checkPadding(this.name, args.padding);
    checkDataFormat(this.name, args.dataFormat);
    const d = normalizePair(this.name, 'dilationRate', args.dilationRate, 1);
    if (d[0] !== 1 || d[1] !== 1) {
      throw new ArgumentError(`${this.name}: Conv2DTranspose supports only dilationRate 1 (as TensorFlow.js 4.22), got [${d.join(', ')}]`);
    }
    this.useBias = args.useBias ?? true;
    this.options = weightOptions(args);
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const channels = channelsOf(this.name, 'Conv2DTranspose', singleShape(this.name, inputShape));
    const o = this.options;
    this.kernel = this.addWeight(
      'kernel',
      [...this.kernelSize, this.filters, channels],
      'float32',
      o.kernelInitializer,
      o.kernelRegularizer,
    );
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', o.biasInitializer, o.biasRegularizer);
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    channelsOf(this.name, 'Conv2DTranspose', s);
    return [
      s[0],
      deconvLength(s[1], this.kernelSize[0], this.padding, this.strides[0]),
      deconvLength(s[2], this.kernelSize[1], this.padding, this.strides[1]),
      this.filters,
    ];
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    if (!this.kernel) throw new ShapeError(`${this.name}: called before build`);
    if (x.rank !== 4) {
      throw new ShapeError(
        `${this.name}: Conv2DTranspose needs rank-4 inputs [batch, height, width, channels], got shape [${x.shape.join(', ')}]`,
      );
    }
    const [n, h, w] = x.shape;
    const outH = deconvLength(h, this.kernelSize[0], this.padding, this.strides[0]) as number;
    const outW = deconvLength(w, this.kernelSize[1], this.padding, this.strides[1]) as number;
    const z = conv2dTranspose(x, this.kernel, [n, outH, outW, this.filters], this.strides, this.padding);
    return this.options.activation.apply(this.bias ? add(z, this.bias) : z);
  }

  override getConfig(): ConfigDict {
    // TensorFlow.js writes no dilation_rate for Conv2DTranspose.
    const geometry = {
      filters: this.filters,
      kernelSize: pairConfig(this.kernelSize),
      strides: pairConfig(this.strides),
      padding: this.padding,
      dataFormat: 'channels_last',
      useBias: this.useBias,
    };
    return { ...convConfig(geometry, this.options), ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): Conv2DTranspose {
    const r = new ConfigReader(config, 'Conv2DTranspose');
    return new Conv2DTranspose({
      ...baseArgs(r),
      filters: r.number('filters'),
      kernelSize: pairFrom(r, 'kernelSize') ?? 1,
      strides: pairFrom(r, 'strides'),
      padding: checkPadding('Conv2DTranspose', r.optString('padding')),
      dataFormat: checkDataFormat('Conv2DTranspose', r.optString('dataFormat')),
      dilationRate: pairFrom(r, 'dilationRate'),
      useBias: r.optBoolean('useBias'),
      ...readWeightOptions(r),
    });
  }
}
