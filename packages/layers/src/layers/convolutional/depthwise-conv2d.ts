/** Depthwise 2-D convolution over NHWC inputs, as Keras' and TF.js' DepthwiseConv2D. */
import { add, depthwiseConv2d, ShapeError, type Tensor, type Variable } from '@tensile/core';
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

export interface DepthwiseConv2DArgs extends LayerArgs {
  kernelSize: number | readonly [number, number];
  depthMultiplier?: number;
  strides?: number | readonly [number, number];
  padding?: Padding;
  dataFormat?: 'channels_last';
  dilationRate?: number | readonly [number, number];
  activation?: ActivationArg | null;
  useBias?: boolean;
  depthwiseInitializer?: InitializerArg;
  biasInitializer?: InitializerArg;
  depthwiseRegularizer?: RegularizerArg | null;
  biasRegularizer?: RegularizerArg | null;
}

/** Rank-4 NHWC with known channels, or a ShapeError naming the layer. */
export function channelsOf(layer: string, className: string, shape: SymbolicShape): number {
  const channels = shape[3];
  if (shape.length !== 4 || channels === null || channels === undefined) {
    throw new ShapeError(
      `${layer}: ${className} needs rank-4 inputs [batch, height, width, channels] with known channels, got (${shape.map(String).join(', ')})`,
    );
  }
  return channels;
}

export class DepthwiseConv2D extends Layer {
  static override readonly className = 'DepthwiseConv2D';
  readonly kernelSize: [number, number];
  readonly depthMultiplier: number;
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly dilationRate: [number, number];
  readonly useBias: boolean;
  readonly activation: Activation;
  readonly depthwiseInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | undefined;
  readonly biasRegularizer: Regularizer | undefined;
  depthwiseKernel: Variable | undefined;
  bias: Variable | undefined;

  constructor(args: DepthwiseConv2DArgs) {
    super(args);
    this.kernelSize = normalizePair(this.name, 'kernelSize', args.kernelSize, 1);
    this.depthMultiplier = positiveInt(this.name, 'depthMultiplier', args.depthMultiplier ?? 1);
    this.strides = normalizePair(this.name, 'strides', args.strides, 1);
    this.padding = checkPadding(this.name, args.padding);
    checkDataFormat(this.name, args.dataFormat);
    this.dilationRate = normalizePair(this.name, 'dilationRate', args.dilationRate, 1);
    this.useBias = args.useBias ?? true;
    this.activation = getActivation(args.activation);
    // Keras 3's default (TF.js 4.22 uses glorotNormal).
    this.depthwiseInitializer = getInitializer(args.depthwiseInitializer, 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer, 'zeros');
    this.depthwiseRegularizer = getRegularizer(args.depthwiseRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const channels = channelsOf(this.name, 'DepthwiseConv2D', singleShape(this.name, inputShape));
    const shape = [...this.kernelSize, channels, this.depthMultiplier];
    this.depthwiseKernel = this.addWeight('depthwise_kernel', shape, 'float32', this.depthwiseInitializer, this.depthwiseRegularizer);
    if (this.useBias) {
      this.bias = this.addWeight('bias', [channels * this.depthMultiplier], 'float32', this.biasInitializer, this.biasRegularizer);
    }
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    const channels = channelsOf(this.name, 'DepthwiseConv2D', s);
    const h = convOutputLength(s[1], this.kernelSize[0], this.padding, this.strides[0], this.dilationRate[0]);
    const w = convOutputLength(s[2], this.kernelSize[1], this.padding, this.strides[1], this.dilationRate[1]);
    if ((h !== null && h <= 0) || (w !== null && w <= 0)) {
      throw new ShapeError(
        `${this.name}: kernel ${this.kernelSize.join('x')} does not fit input (${s.map(String).join(', ')}) with padding '${this.padding}'`,
      );
    }
    return [s[0], h, w, channels * this.depthMultiplier];
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    if (!this.depthwiseKernel) throw new ShapeError(`${this.name}: called before build`);
    if (x.rank !== 4) {
      throw new ShapeError(
        `${this.name}: DepthwiseConv2D needs rank-4 inputs [batch, height, width, channels], got shape [${x.shape.join(', ')}]`,
      );
    }
    const z = depthwiseConv2d(x, this.depthwiseKernel, this.strides, this.padding, 'NHWC', this.dilationRate);
    return this.activation.apply(this.bias ? add(z, this.bias) : z);
  }

  override getConfig(): ConfigDict {
    return {
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
      depthwiseRegularizer: serializeRegularizer(this.depthwiseRegularizer),
      depthwiseConstraint: null,
    };
  }

  static override fromConfig(config: ConfigDict): DepthwiseConv2D {
    const r = new ConfigReader(config, 'DepthwiseConv2D');
    return new DepthwiseConv2D({
      ...baseArgs(r),
      kernelSize: pairFrom(r, 'kernelSize') ?? 1,
      depthMultiplier: r.optNumber('depthMultiplier'),
      strides: pairFrom(r, 'strides'),
      padding: checkPadding('DepthwiseConv2D', r.optString('padding')),
      dataFormat: checkDataFormat('DepthwiseConv2D', r.optString('dataFormat')),
      dilationRate: pairFrom(r, 'dilationRate'),
      useBias: r.optBoolean('useBias'),
      activation: getActivation(r.optIdentifier('activation')),
      depthwiseInitializer: getInitializer(r.optIdentifier('depthwiseInitializer'), 'glorotUniform'),
      biasInitializer: getInitializer(r.optIdentifier('biasInitializer'), 'zeros'),
      depthwiseRegularizer: getRegularizer(r.optIdentifier('depthwiseRegularizer')),
      biasRegularizer: getRegularizer(r.optIdentifier('biasRegularizer')),
    });
  }
}
