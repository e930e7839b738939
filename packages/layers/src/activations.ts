/**
 * Activation functions by Keras name. A layer stores the activation's canonical name (what Keras
 * and TensorFlow.js write in configs); `fused` says whether core's fused matMul / conv2d kernels
 * can apply it in the same kernel.
 */
import {
  add,
  ArgumentError,
  clipByValue,
  FUSED_ACTIVATIONS,
  elu,
  gelu,
  leakyRelu,
  mul,
  relu,
  relu6,
  selu,
  sigmoid,
  softmax,
  softplus,
  tanh,
  type FusedActivation,
  type Tensor,
} from '@tensile/core';
import type { SerializedObject } from './serialization.js';

/** An activation: a named elementwise (or, for softmax, last-axis) function. */
export interface Activation {
  /** The name written in configs ('relu', 'leaky_relu', ...). */
  readonly name: string;
  apply(x: Tensor): Tensor;
}

export type ActivationIdentifier =
  | 'linear'
  | 'relu'
  | 'relu6'
  | 'elu'
  | 'selu'
  | 'gelu'
  | 'tanh'
  | 'sigmoid'
  | 'softmax'
  | 'softplus'
  | 'swish'
  | 'silu'
  | 'leakyRelu'
  | 'leaky_relu'
  | 'hardSigmoid'
  | 'hard_sigmoid';

const identity = (x: Tensor): Tensor => x;

const BUILTIN: Record<string, (x: Tensor) => Tensor> = {
  linear: identity,
  relu,
  relu6,
  elu,
  selu,
  gelu,
  tanh,
  sigmoid,
  softmax: (x) => softmax(x, -1),
  softplus,
  // Keras 3 swish/silu: x * sigmoid(x).
  swish: (x) => mul(x, sigmoid(x)),
  // Keras' leaky_relu default negative slope is 0.2, as TensorFlow.js'.
  leaky_relu: (x) => leakyRelu(x, 0.2),
  // TensorFlow.js' (and Keras 2's) piecewise sigmoid, the recurrent activation TF.js LSTMs and GRUs
  // save by default; Keras 3 changed it to relu6(x + 3) / 6, but TF.js files mean this one.
  hard_sigmoid: (x) => clipByValue(add(mul(x, 0.2), 0.5), 0, 1),
};

/** Spellings accepted for each canonical name (TF.js camelCase, Keras snake_case, aliases). */
const ALIASES: Record<string, string> = {
  leakyRelu: 'leaky_relu',
  leakyrelu: 'leaky_relu',
  hardSigmoid: 'hard_sigmoid',
  silu: 'swish',
  None: 'linear',
};

export const ACTIVATION_NAMES: readonly string[] = Object.keys(BUILTIN);

/**
 * Resolves an activation from a name ('relu', 'leakyRelu', ...), a serialized object, or an
 * `Activation` (returned as is). `undefined`/`null` mean linear.
 */
export function getActivation(identifier: string | SerializedObject | Activation | null | undefined): Activation {
  if (identifier === undefined || identifier === null) return { name: 'linear', apply: identity };
  if (typeof identifier === 'object' && 'apply' in identifier) return identifier;
  const raw = typeof identifier === 'string' ? identifier : identifier.className;
  // Keras 3 writes serialized activations as {class_name: 'function', config: 'relu'}; configs
  // that carry an object name it in `config.name`.
  const fromConfig = typeof identifier === 'object' && typeof identifier.config.name === 'string' ? identifier.config.name : undefined;
  const key = ALIASES[raw] ?? (raw in BUILTIN ? raw : (ALIASES[fromConfig ?? ''] ?? fromConfig ?? raw));
  const fn = BUILTIN[key];
  if (!fn) {
    throw new ArgumentError(`activation: unknown activation '${raw}'; expected one of ${ACTIVATION_NAMES.join(', ')} (or leakyRelu, silu)`);
  }
  return { name: key, apply: fn };
}

/** The fused-kernel activation for `a`, or undefined when core cannot fuse it. */
export function fusedActivation(a: Activation): FusedActivation | undefined {
  // Only the built-in function itself: a user object that merely reuses a name is not fused.
  return FUSED_ACTIVATIONS.find((f) => f === a.name && a.apply === BUILTIN[a.name]);
}

/** Public namespace: `activations.get('relu').apply(x)`. */
export const activations = {
  get: getActivation,
  names: ACTIVATION_NAMES,
};
