/** Building blocks of the gradient cases: one case per function checked, inputs chosen away
 *  from kinks, and constant tensors (indices, conditions) disposed after the check. */
import type { Tensor } from '../../tensor.js';
import { checkGradients } from '../grad-check.js';
import { Rng, toTensor, type CaseDef } from '../harness.js';
import type { DType } from '../../dtype.js';
import type { Nd } from '../reference/nd.js';

/** Inputs and the function of them to check; `constants` become tensors f may close over. */
export interface GradSpec {
  readonly inputs: (rng: Rng) => Nd[];
  readonly constants?: (rng: Rng) => readonly (readonly [Nd, DType])[];
  readonly f: (xs: Tensor[], constants: Tensor[]) => Tensor;
}

export function gradCase(group: string, name: string, spec: GradSpec): CaseDef {
  return {
    group,
    name,
    run: async (ctx) => {
      const rng = new Rng(`${group} ${name}`);
      const constants = (spec.constants?.(rng) ?? []).map(([x, dtype]) => toTensor(x, dtype));
      try {
        await checkGradients(`${group} ${name}`, (...xs) => spec.f(xs, constants), spec.inputs(rng), rng, ctx.gradTol);
      } finally {
        for (const c of constants) c.dispose();
      }
    },
  };
}

/** Distance from v to the nearest integer. */
export function fromInteger(v: number): number {
  return Math.abs(v - Math.round(v));
}

/** Redraws `make` until `ok` holds (a few tries suffice for the margins used; the cap keeps a
 *  wrong predicate from hanging the suite). */
export function until<T>(make: () => T, ok: (value: T) => boolean, what: string): T {
  for (let i = 0; i < 200; i++) {
    const v = make();
    if (ok(v)) return v;
  }
  throw new Error(`${what}: could not draw inputs away from the kinks`);
}

/** Smallest |v - k| over every value and kink. */
export function minDistance(values: Float64Array, kinks: readonly number[]): number {
  let d = Infinity;
  for (const v of values) for (const k of kinks) d = Math.min(d, Math.abs(v - k));
  return d;
}
