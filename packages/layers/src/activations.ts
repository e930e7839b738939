/**
 * Activation functions by Keras name. A layer stores the activation's canonical name (what Keras
 * and TensorFlow.js write in configs); `fused` says whether core's fused matMul / conv2d kernels
 * can apply it in the same kernel.
 */
import {
  ArgumentError,
  FUSED_ACTIVATIONS,
  abs,
  add,
  clipByValue,
  div,
  elu,
  exp,
  gelu,
  leakyRelu,
  logSoftmax,
  mul,
  relu,
  relu6,
  selu,
  sigmoid,
  softmax,
  softplus,
  tanh,
  tidy,
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

const identity = (x: Tensor): Tensor => x;

const BUILTIN = {
  linear: identity,
  relu,
  relu6,
  elu,
  selu,
  gelu,
  tanh,
  sigmoid,
  softmax: (x: Tensor) => softmax(x, -1),
  logSoftmax: (x: Tensor) => logSoftmax(x, -1),
  softplus,
  softsign: (x: Tensor) => tidy(() => div(x, add(abs(x), 1))),
  // Keras 3 swish/silu: x * sigmoid(x).
  swish: (x: Tensor) => tidy(() => mul(x, sigmoid(x))),
  mish: (x: Tensor) => tidy(() => mul(x, tanh(softplus(x)))),
  // TF.js' (and Keras 2's) hard sigmoid, 0.2x + 0.5 clipped to [0, 1], the recurrent activation
  // TF.js LSTMs and GRUs save by default, so TF.js models carry over; Keras 3's hard_sigmoid is
  // x/6 + 0.5 (relu6(x + 3) / 6), which differs for 0 < |x| < 3.
  hardSigmoid: (x: Tensor) => tidy(() => clipByValue(add(mul(x, 0.2), 0.5), 0, 1)),
  exponential: exp,
  // Keras' leaky_relu default negative slope is 0.2, as TensorFlow.js'.
  leaky_relu: (x: Tensor) => leakyRelu(x, 0.2),
} satisfies Record<string, (x: Tensor) => Tensor>;

/** Spellings accepted for each canonical name (TF.js camelCase, Keras snake_case, aliases). */
const ALIASES = {
  leakyRelu: 'leaky_relu',
  leakyrelu: 'leaky_relu',
  log_softmax: 'logSoftmax',
  hard_sigmoid: 'hardSigmoid',
  silu: 'swish',
  None: 'linear',
} satisfies Record<string, keyof typeof BUILTIN>;

/**
 * Every activation name accepted: the names written in configs and their other spellings, so a
 * misspelt name (`activation: 'reluu'`) fails to compile.
 */
export type ActivationIdentifier = keyof typeof BUILTIN | keyof typeof ALIASES;

const BY_NAME: Readonly<Record<string, (x: Tensor) => Tensor>> = BUILTIN;
const ALIAS_OF: Readonly<Record<string, string>> = ALIASES;

export const ACTIVATION_NAMES: readonly string[] = Object.keys(BUILTIN);

/** Every spelling `getActivation` takes, aliases included. */
export const ACTIVATION_IDENTIFIERS: readonly ActivationIdentifier[] = [
  ...(Object.keys(BUILTIN) as (keyof typeof BUILTIN)[]),
  ...(Object.keys(ALIASES) as (keyof typeof ALIASES)[]),
];

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
  const key = ALIAS_OF[raw] ?? (raw in BY_NAME ? raw : (ALIAS_OF[fromConfig ?? ''] ?? fromConfig ?? raw));
  const fn = Object.hasOwn(BY_NAME, key) ? BY_NAME[key] : undefined;
  if (!fn) {
    throw new ArgumentError(
      `activation: unknown activation '${raw}'; expected one of ${ACTIVATION_NAMES.join(', ')} (or ${Object.keys(ALIASES).join(', ')})`,
    );
  }
  return { name: key, apply: fn };
}

/** The fused-kernel activation for `a`, or undefined when core cannot fuse it. */
export function fusedActivation(a: Activation): FusedActivation | undefined {
  // Only the built-in function itself: a user object that merely reuses a name is not fused.
  return FUSED_ACTIVATIONS.find((f) => f === a.name && a.apply === BY_NAME[a.name]);
}

/** Public namespace: `activations.get('relu').apply(x)`. */
export const activations = {
  get: getActivation,
  names: ACTIVATION_NAMES,
};
