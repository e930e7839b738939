/** Argument helpers shared by the layers: tuples, conv/pool output sizes, config fields. */
import { ArgumentError } from '@tensile/core';
import { getActivation, type Activation, type ActivationIdentifier } from '../activations.js';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers.js';
import { getRegularizer, serializeRegularizer, type Regularizer } from '../regularizers.js';
import type { ConfigDict, ConfigReader, JsonValue } from '../serialization.js';

/** A number or a pair of positive integers, as Keras' kernel_size / strides / pool_size. */
export function normalizePair(layer: string, name: string, v: number | readonly number[] | undefined, fallback: number): [number, number] {
  const p: readonly number[] = v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : v;
  if (!Array.isArray(p) || p.length !== 2 || !p.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new ArgumentError(`${layer}: ${name} must be a positive integer or a pair of them, got ${JSON.stringify(v)}`);
  }
  return [p[0], p[1]];
}

export type Padding = 'valid' | 'same';

export function checkPadding(layer: string, padding: string | undefined): Padding {
  const p = padding ?? 'valid';
  if (p !== 'valid' && p !== 'same') throw new ArgumentError(`${layer}: padding must be 'valid' or 'same', got ${JSON.stringify(padding)}`);
  return p;
}

/** Tensile's conv and pool layers are channels-last (NHWC), the Keras and TensorFlow.js default. */
export function checkDataFormat(layer: string, dataFormat: string | undefined): 'channels_last' {
  if (dataFormat !== undefined && dataFormat !== 'channels_last') {
    throw new ArgumentError(`${layer}: dataFormat must be 'channels_last' (NHWC), got ${JSON.stringify(dataFormat)}`);
  }
  return 'channels_last';
}

/** One spatial output size (Keras' conv_output_length); null stays null. */
export function convOutputLength(size: number | null, kernel: number, padding: Padding, stride: number, dilation = 1): number | null {
  if (size === null) return null;
  const effective = (kernel - 1) * dilation + 1;
  const length = padding === 'same' ? size : size - effective + 1;
  return Math.floor((length + stride - 1) / stride);
}

export function positiveInt(layer: string, name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new ArgumentError(`${layer}: ${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return v;
}

/** What weight-bearing layers accept for activations, initializers and regularizers. */
export type ActivationArg = ActivationIdentifier | Activation;
export type InitializerArg = InitializerIdentifier | Initializer;
export type RegularizerArg = string | Regularizer;

export interface WeightOptions {
  activation: Activation;
  kernelInitializer: Initializer;
  biasInitializer: Initializer;
  kernelRegularizer: Regularizer | undefined;
  biasRegularizer: Regularizer | undefined;
}

export function weightOptions(args: {
  activation?: ActivationArg | null;
  kernelInitializer?: InitializerArg;
  biasInitializer?: InitializerArg;
  kernelRegularizer?: RegularizerArg | null;
  biasRegularizer?: RegularizerArg | null;
}): WeightOptions {
  return {
    activation: getActivation(args.activation),
    kernelInitializer: getInitializer(args.kernelInitializer, 'glorotUniform'),
    biasInitializer: getInitializer(args.biasInitializer, 'zeros'),
    kernelRegularizer: getRegularizer(args.kernelRegularizer),
    biasRegularizer: getRegularizer(args.biasRegularizer),
  };
}

/** The same fields as TensorFlow.js writes them (constraints and activity regularizers as null). */
export function weightOptionsConfig(o: WeightOptions): ConfigDict {
  return {
    activation: o.activation.name,
    kernelInitializer: serializeInitializer(o.kernelInitializer),
    biasInitializer: serializeInitializer(o.biasInitializer),
    kernelRegularizer: serializeRegularizer(o.kernelRegularizer),
    biasRegularizer: serializeRegularizer(o.biasRegularizer),
    activityRegularizer: null,
    kernelConstraint: null,
    biasConstraint: null,
  };
}

/** The geometry of a convolution as its config writes it (sizes already in config form). */
export interface ConvGeometryConfig {
  readonly filters: number;
  readonly kernelSize: JsonValue;
  readonly strides: JsonValue;
  readonly padding: string;
  /** Left out where TF.js writes none (Conv1D). */
  readonly dataFormat?: string;
  /** Left out where TF.js writes none (Conv2DTranspose). */
  readonly dilationRate?: JsonValue;
  readonly useBias: boolean;
}

/** A convolution layer's config in TensorFlow.js' key order, shared by Conv1D, Conv2D and
 *  Conv2DTranspose so the three cannot drift apart in what they write. */
export function convConfig(g: ConvGeometryConfig, o: WeightOptions): ConfigDict {
  const w = weightOptionsConfig(o);
  return {
    filters: g.filters,
    kernelInitializer: w.kernelInitializer,
    kernelRegularizer: w.kernelRegularizer,
    kernelConstraint: null,
    kernelSize: g.kernelSize,
    strides: g.strides,
    padding: g.padding,
    ...(g.dataFormat === undefined ? {} : { dataFormat: g.dataFormat }),
    ...(g.dilationRate === undefined ? {} : { dilationRate: g.dilationRate }),
    activation: w.activation,
    useBias: g.useBias,
    biasInitializer: w.biasInitializer,
    biasRegularizer: w.biasRegularizer,
    activityRegularizer: null,
    biasConstraint: null,
  };
}

/** Reads the fields `weightOptionsConfig` writes. */
export function readWeightOptions(r: ConfigReader): WeightOptions {
  return {
    activation: getActivation(r.optIdentifier('activation')),
    kernelInitializer: getInitializer(r.optIdentifier('kernelInitializer'), 'glorotUniform'),
    biasInitializer: getInitializer(r.optIdentifier('biasInitializer'), 'zeros'),
    kernelRegularizer: getRegularizer(r.optIdentifier('kernelRegularizer')),
    biasRegularizer: getRegularizer(r.optIdentifier('biasRegularizer')),
  };
}

export function pairConfig(p: readonly [number, number]): JsonValue {
  return [p[0], p[1]];
}
