/**
 * Checks an optimizer's options when it is made, so a misspelt or mistyped option fails at that
 * call, naming the optimizer and the option, instead of being ignored (`{lr: 5}` trained at the
 * default rate) or failing at the first step (`{learningRate: '0.1'}`).
 */
import { ArgumentError } from '@tensile/core';
import type { OptimizerConfig } from './optimizer.js';

/** What one option accepts, and the same in words for the error. */
export interface OptionRule {
  readonly ok: (value: unknown) => boolean;
  readonly want: string;
}

/** A rule for every option of config type `C`; used with `satisfies`, so none can be missing. */
export type OptionRules<C> = { readonly [K in keyof Required<C>]: OptionRule };

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const nonNegative: OptionRule = { ok: (v) => finite(v) && v >= 0, want: 'a non-negative finite number' };
export const positive: OptionRule = { ok: (v) => finite(v) && v > 0, want: 'a positive finite number' };
/** Decay rates (beta1, beta2, rho): 1 would never forget. */
export const belowOne: OptionRule = { ok: (v) => finite(v) && v >= 0 && v < 1, want: 'a number in [0, 1)' };
export const unitInterval: OptionRule = { ok: (v) => finite(v) && v >= 0 && v <= 1, want: 'a number in [0, 1]' };
export const flag: OptionRule = { ok: (v) => typeof v === 'boolean', want: 'true or false' };

export const LEARNING_RATE: OptionRule = {
  ok: (v) => typeof v === 'function' || (finite(v) && v >= 0),
  want: 'a non-negative finite number or a schedule (step) => number',
};

/** The options every optimizer takes. */
export const BASE_OPTIONS = {
  learningRate: LEARNING_RATE,
  clipnorm: positive,
  clipvalue: positive,
  globalClipnorm: positive,
  weightDecay: nonNegative,
  name: { ok: (v) => typeof v === 'string' && v.length > 0, want: 'a non-empty string' },
} satisfies OptionRules<OptimizerConfig>;

/** Keras' snake_case config keys (a Python-saved config) and their names here. */
export const KERAS_KEYS: Readonly<Record<string, string>> = {
  learning_rate: 'learningRate',
  lr: 'learningRate',
  beta_1: 'beta1',
  beta_2: 'beta2',
  global_clipnorm: 'globalClipnorm',
  weight_decay: 'weightDecay',
  initial_accumulator_value: 'initialAccumulatorValue',
};

/** Other spellings users bring along: TensorFlow.js' RMSprop calls rho `decay`, its momentum optimizer `useNesterov`. */
const OTHER_SPELLINGS: Readonly<Record<string, string>> = { decay: 'rho', useNesterov: 'nesterov', use_nesterov: 'nesterov' };

/**
 * Throws an ArgumentError naming `optimizer` when `config` is not an object, holds an option
 * that `rules` do not know (suggesting the name meant, e.g. `learningRate` for `lr`), or one
 * whose value the rule refuses. Absent (undefined) options are fine: they take their defaults.
 */
export function checkOptions(optimizer: string, config: unknown, rules: Readonly<Record<string, OptionRule>>): void {
  const names = Object.keys(rules);
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ArgumentError(
      `${optimizer}: expected a learning rate (a number) or a config object {${names.join(', ')}}, got ${describe(config)}`,
    );
  }
  for (const key of Object.keys(config)) {
    if (rules[key]) continue;
    const meant = suggestion(key, names);
    throw new ArgumentError(
      `${optimizer}: unknown option '${key}'${meant ? `; did you mean '${meant}'? Options are` : '; options are'} ${names.join(', ')}`,
    );
  }
  checkValues(optimizer, config, rules);
}

/** The value checks alone, for the options of `config` that `rules` know (the base class's). */
export function checkValues(optimizer: string, config: object, rules: Readonly<Record<string, OptionRule>>): void {
  for (const [key, value] of Object.entries(config)) {
    const rule = rules[key];
    if (rule && value !== undefined && !rule.ok(value))
      throw new ArgumentError(`${optimizer}: ${key} must be ${rule.want}, got ${describe(value)}`);
  }
}

/** Another spelling of an option, or a typo of one (at most two edits, ignoring case and '_'). */
function suggestion(key: string, names: readonly string[]): string | undefined {
  const known = KERAS_KEYS[key] ?? OTHER_SPELLINGS[key];
  if (known !== undefined) return names.includes(known) ? known : undefined;
  const plain = (s: string): string => s.toLowerCase().replace(/_/g, '');
  return names.find((n) => editDistance(plain(n), plain(key)) <= Math.min(2, n.length - 2));
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (typeof x === 'string') return `the string '${x}'`;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return typeof x;
}
