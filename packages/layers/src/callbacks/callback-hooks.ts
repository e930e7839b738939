/**
 * What fit's `callbacks` option takes. Keras takes a list of Callback objects; TensorFlow.js also
 * takes a plain object of hooks (`{onEpochEnd: (epoch, logs) => ...}`), one Callback, or a list
 * mixing both. Every form is unambiguous, so each is accepted: a plain object becomes a
 * LambdaCallback. Anything else fails at the fit call, showing the forms.
 */
import { ArgumentError } from '@tensile/core';
import { Callback } from './callback.js';
import { LambdaCallback, type LambdaCallbackConfig } from './lambda-callback.js';

/** One Callback, a plain object of hooks, or a list of either. */
export type CallbackSpec = Callback | LambdaCallbackConfig | readonly (Callback | LambdaCallbackConfig)[];

const HOOK_OPTIONS = {
  onTrainBegin: 'function',
  onTrainEnd: 'function',
  onEpochBegin: 'function',
  onEpochEnd: 'function',
  onBatchBegin: 'function',
  onBatchEnd: 'function',
  batchLogs: 'boolean',
} satisfies { readonly [K in keyof Required<LambdaCallbackConfig>]: 'function' | 'boolean' };

const FORMS = 'a Callback, a plain object of hooks such as {onEpochEnd: (epoch, logs) => ...}, or a list of these';

/** The callbacks `spec` stands for, in order. */
export function toCallbacks(api: string, spec: CallbackSpec | undefined): Callback[] {
  if (spec === undefined) return [];
  if (Array.isArray(spec)) return spec.map((c, i) => toCallback(api, `callbacks[${i}]`, c));
  return [toCallback(api, 'callbacks', spec)];
}

function toCallback(api: string, where: string, c: unknown): Callback {
  if (c instanceof Callback) return c;
  if (!isPlainObject(c)) {
    throw new ArgumentError(`${api}: ${where} must be ${FORMS}; got ${describe(c)}`);
  }
  const hooks: LambdaCallbackConfig = {};
  for (const [key, value] of Object.entries(c)) {
    if (!isHookName(key)) {
      throw new ArgumentError(`${api}: ${where} has '${key}', which is not a hook; hooks are ${Object.keys(HOOK_OPTIONS).join(', ')}`);
    }
    if (value === undefined) continue;
    if (typeof value !== HOOK_OPTIONS[key]) {
      throw new ArgumentError(`${api}: ${where}.${key} must be a ${HOOK_OPTIONS[key]}, got ${describe(value)}`);
    }
    Object.assign(hooks, { [key]: value });
  }
  return new LambdaCallback(hooks);
}

function isHookName(key: string): key is keyof typeof HOOK_OPTIONS {
  return Object.hasOwn(HOOK_OPTIONS, key);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a nested list';
  if (typeof x === 'object') return `an instance of ${x.constructor?.name ?? 'an unknown class'}`;
  return typeof x;
}
