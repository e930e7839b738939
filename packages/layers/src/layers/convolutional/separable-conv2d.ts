/** Depthwise-separable 2-D convolution over NHWC inputs, as Keras' and TF.js' SeparableConv2D. */
import { add, separableConv2d, ShapeError, type Tensor, type Variable } from '@tensile/core';
import { getActivation, type Activation } from '../../activations.js';
import { getInitializer, serializeInitializer, type Initializer } from '../../initializers.js';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { getRegularizer, serializeRegularizer, type Regularizer } from '../../regularizers.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import {
  checkDataFormat,
  checkPadding,
  convOutputLength,
  normalizePair,
  pairConfig,
  positiveInt,
  type ActivationArg,
  type InitializerArg,
  type Padding,
  type RegularizerArg,
} from '../utils.js';
import { pairFrom } from './conv2d.js';
import { channelsOf } from './depthwise-conv2d.js';

export interface SeparableConv2DArgs extends LayerArgs {
  filters: number;
  kernelSize: number | readonly [number, number];
  depthMultiplier?: number;
  strides?: number | readonly [number, number];
  padding?: Padding;
  dataFormat?: 'channels_last';
  dilationRate?: number | readonly [number, number];
  activation?: ActivationArg | null;
  useBias?: boolean;
  depthwiseInitializer?: InitializerArg;
  pointwiseInitializer?: InitializerArg;
  biasInitializer?: InitializerArg;
  depthwiseRegularizer?: RegularizerArg | null;
  pointwiseRegularizer?: RegularizerArg | null;
  biasRegularizer?: RegularizerArg | null;
}

export class SeparableConv2D extends Layer {
  static override readonly className = 'SeparableConv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly depthMultiplier: number;
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly dilationRate: [number, number];
  readonly useBias: boolean;
  readonly activation: Activation;
  readonly depthwiseInitializer: Initializer;
  readonly pointwiseInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | undefined;
  readonly pointwiseRegularizer: Regularizer | undefined;
  readonly biasRegularizer: Regularizer | undefined;
  depthwiseKernel: Variable | undefined;
  pointwiseKernel: Variable | undefined;
  bias: Variable | undefined;

  constructor(args: SeparableConv2DArgs) {
    super(args);
    this.filters = positiveInt(this.name, 'filters', args.filters);
    this.kernelSize = normalizePair(this.name, 'kernelSize', args.kernelSize, 1);
    this.depthMultiplier = positiveInt(this.name, 'depthMultiplier', args.depthMultiplier ?? 1);
    this.strides = normalizePair(this.name, 'strides', args.strides, 1);
    this.padding = checkPadding(this.name, args.padding);
    checkDataFormat(this.name, args.dataFormat);
    this.dilationRate = normalizePair(this.name, 'dilationRate', args.dilationRate, 1);
    this.useBias = args.useBias ?? true;
    this.activation = getActivation(args.activation);
    this.depthwiseInitializer = getInitializer(args.depthwiseInitializer, 'glorotUniform');
    this.pointwiseInitializer = getInitializer(args.pointwiseInitializer, 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer, 'zeros');
    this.depthwiseRegularizer = getRegularizer(args.depthwiseRegularizer);
    this.pointwiseRegularizer = getRegularizer(args.pointwiseRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const channels = channelsOf(this.name, 'SeparableConv2D', singleShape(this.name, inputShape));
    const m = this.depthMultiplier;
    this.depthwiseKernel = this.addWeight(
      'depthwise_kernel',
      [...this.kernelSize, channels, m],
      'float32',
      this.depthwiseInitializer,
      this.depthwiseRegularizer,
    );
    this.pointwiseKernel = this.addWeight(
      'pointwise_kernel',
      [1, 1, channels * m, this.filters],
      'float32',
      this.pointwiseInitializer,
      this.pointwiseRegularizer,
    );
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', this.biasInitializer, this.biasRegularizer);
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    channelsOf(this.name, 'SeparableConv2D', s);
    const h = convOutputLength(s[1], this.kernelSize[0], this.padding, this.strides[0], this.dilationRate[0]);
    const w = convOutputLength(s[2], this.kernelSize[1], this.padding, this.strides[1], this.dilationRate[1]);
    if ((h !== null && h <= 0) || (w !== null && w <= 0)) {
      throw new ShapeError(
        `${this.name}: kernel ${this.kernelSize.join('x')} does not fit input (${s.map(String).join(', ')}) with padding '${this.padding}'`,
      );
    }
    return [s[0], h, w, this.filters];
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    if (!this.depthwiseKernel || !this.pointwiseKernel) throw new ShapeError(`${this.name}: called before build`);
    if (x.rank !== 4) {
      throw new ShapeError(
        `${this.name}: SeparableConv2D needs rank-4 inputs [batch, height, width, channels], got shape [${x.shape.join(', ')}]`,
      );
    }
    const z = separableConv2d(x, this.depthwiseKernel, this.pointwiseKernel, this.strides, this.padding, this.dilationRate, 'NHWC');
    return this.activation.apply(this.bias ? add(z, this.bias) : z);
  }

  override getConfig(): ConfigDict {
    return {
      filters: this.filters,
      kernelSize: pairConfig(this.kernelSize),
      strides: pairConfig(this.strides),
      padding: this.padding,
      dataFormat: 'channels_last',
      dilationRate: pairConfig(this.dilationRate),
      activation: this.activation.name,
      useBias: this.useBias,
      biasInitializer: serializeInitializer(this.biasInitializer),
      biasRegularizer: serializeRegularizer(this.biasRegularizer),
      activityRegularizer: null,
      biasConstraint: null,
      ...super.getConfig(),
      depthMultiplier: this.depthMultiplier,
      depthwiseInitializer: serializeInitializer(this.depthwiseInitializer),
      pointwiseInitializer: serializeInitializer(this.pointwiseInitializer),
      depthwiseRegularizer: serializeRegularizer(this.depthwiseRegularizer),
      pointwiseRegularizer: serializeRegularizer(this.pointwiseRegularizer),
      depthwiseConstraint: null,
      pointwiseConstraint: null,
    };
  }

  static override fromConfig(config: ConfigDict): SeparableConv2D {
    const r = new ConfigReader(config, 'SeparableConv2D');
    return new SeparableConv2D({
      ...baseArgs(r),
      filters: r.number('filters'),
      kernelSize: pairFrom(r, 'kernelSize') ?? 1,
      depthMultiplier: r.optNumber('depthMultiplier'),
      strides: pairFrom(r, 'strides'),
      padding: checkPadding('SeparableConv2D', r.optString('padding')),
      dataFormat: checkDataFormat('SeparableConv2D', r.optString('dataFormat')),
      dilationRate: pairFrom(r, 'dilationRate'),
      useBias: r.optBoolean('useBias'),
      activation: getActivation(r.optIdentifier('activation')),
      depthwiseInitializer: getInitializer(r.optIdentifier('depthwiseInitializer'), 'glorotUniform'),
      pointwiseInitializer: getInitializer(r.optIdentifier('pointwiseInitializer'), 'glorotUniform'),
      biasInitializer: getInitializer(r.optIdentifier('biasInitializer'), 'zeros'),
      depthwiseRegularizer: getRegularizer(r.optIdentifier('depthwiseRegularizer')),
      pointwiseRegularizer: getRegularizer(r.optIdentifier('pointwiseRegularizer')),
      biasRegularizer: getRegularizer(r.optIdentifier('biasRegularizer')),
    });
  }
}
