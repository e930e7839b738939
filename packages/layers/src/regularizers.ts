/** Weight penalties added to the loss: l1 * sum(|w|) + l2 * sum(w^2), as Keras. */
import { abs, add, ArgumentError, mul, scalar, square, sum, tidy, type Tensor } from '@tensile/core';
import { ConfigReader, type ConfigDict, type SerializedObject } from './serialization.js';

export interface Regularizer {
  readonly className: string;
  /** The penalty for `x`, a scalar. */
  apply(x: Tensor): Tensor;
  getConfig(): ConfigDict;
}

export class L1L2 implements Regularizer {
  readonly className = 'L1L2';
  readonly l1: number;
  readonly l2: number;
  constructor(config: { l1?: number; l2?: number } = {}) {
    this.l1 = config.l1 ?? 0;
    this.l2 = config.l2 ?? 0;
    for (const [k, v] of [
      ['l1', this.l1],
      ['l2', this.l2],
    ] as const) {
      if (!Number.isFinite(v) || v < 0) throw new ArgumentError(`L1L2: ${k} must be a non-negative number, got ${v}`);
    }
  }
  apply(x: Tensor): Tensor {
    return tidy(() => {
      let penalty = scalar(0);
      if (this.l1 > 0) penalty = add(penalty, mul(sum(abs(x)), this.l1));
      if (this.l2 > 0) penalty = add(penalty, mul(sum(square(x)), this.l2));
      return penalty;
    });
  }
  getConfig(): ConfigDict {
    return { l1: this.l1, l2: this.l2 };
  }
}

/** Factories with Keras' defaults (0.01). */
export const regularizers = {
  l1: (config: { l1?: number } = {}) => new L1L2({ l1: config.l1 ?? 0.01 }),
  l2: (config: { l2?: number } = {}) => new L1L2({ l2: config.l2 ?? 0.01 }),
  l1l2: (config: { l1?: number; l2?: number } = {}) => new L1L2({ l1: config.l1 ?? 0.01, l2: config.l2 ?? 0.01 }),
};

/** A regularizer from a name ('l1', 'l2', 'l1l2'), a serialized object, or an instance. */
export function getRegularizer(identifier: string | SerializedObject | Regularizer | null | undefined): Regularizer | undefined {
  if (identifier === null || identifier === undefined) return undefined;
  if (typeof identifier === 'object' && 'apply' in identifier) return identifier;
  const name = typeof identifier === 'string' ? identifier : identifier.className;
  const r = new ConfigReader(typeof identifier === 'string' ? {} : identifier.config, name);
  switch (name.replace(/_/g, '').toLowerCase()) {
    case 'l1':
      return regularizers.l1({ l1: r.optNumber('l1') });
    case 'l2':
      return regularizers.l2({ l2: r.optNumber('l2') });
    case 'l1l2':
      // A serialized L1L2 gives both factors; the bare name takes Keras' defaults.
      return typeof identifier === 'string' ? regularizers.l1l2() : new L1L2({ l1: r.optNumber('l1'), l2: r.optNumber('l2') });
    default:
      throw new ArgumentError(`regularizer: unknown regularizer '${name}'; expected l1, l2 or l1l2`);
  }
}

export function serializeRegularizer(r: Regularizer | undefined): ConfigDict | null {
  return r ? { className: r.className, config: r.getConfig() } : null;
}
