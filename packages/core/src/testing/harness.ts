/**
 * What every case uses: the case type, a seeded generator of inputs, tensors from reference
 * arrays, and comparisons that read results with `await t.data()` (GPU backends cannot read
 * synchronously) and say exactly where and by how much a result is off.
 */
import type { DType } from '../dtype.js';
import { tensor, variable } from '../ops/index.js';
import type { Tensor, Variable } from '../tensor.js';
import { nd, sizeOf, unravel, type Nd } from './reference/nd.js';

export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/** What a running case knows about the suite it belongs to. */
export interface CaseContext {
  /** Forward results: |got - expected| <= atol + rtol * max(|expected|, scale). */
  readonly tol: Tolerance;
  /** Analytic vs finite-difference gradients. */
  readonly gradTol: Tolerance;
  /** The registry name of the backend under test. */
  readonly backendName: string;
  /** The registry name of a second backend to move tensors to, if the options gave one. */
  readonly moveTargetName?: string;
}

/** One case as the cases files write it; index.ts adds backend start-up and the leak check. */
export interface CaseDef {
  readonly group: string;
  readonly name: string;
  /** Set when the case cannot run under these options (the reason is logged as a skip). */
  readonly needs?: 'moveTarget';
  run(ctx: CaseContext): Promise<void>;
}

/** FNV-1a of a case name: each case draws its own inputs, so adding a case changes no other. */
export function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: small, deterministic, and independent of core's counter-based generator under test. */
export class Rng {
  private state: number;
  constructor(seed: number | string) {
    this.state = typeof seed === 'string' ? seedOf(seed) : seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Float32-representable values in [lo, hi), so the reference sees exactly what the backend stores. */
  floats(shape: readonly number[], lo = -1, hi = 1): Nd {
    const x = nd(shape);
    for (let i = 0; i < x.values.length; i++) x.values[i] = Math.fround(lo + (hi - lo) * this.next());
    return x;
  }
  /** Integers in [lo, hi). */
  ints(shape: readonly number[], lo: number, hi: number): Nd {
    const x = nd(shape);
    for (let i = 0; i < x.values.length; i++) x.values[i] = lo + Math.floor((hi - lo) * this.next());
    return x;
  }
  bools(shape: readonly number[]): Nd {
    return this.ints(shape, 0, 2);
  }
  /** Floats in [lo, hi) at least `margin` away from every kink (where a derivative jumps), so
   *  finite differences never straddle one. */
  awayFrom(shape: readonly number[], lo: number, hi: number, kinks: (v: number) => number, margin: number): Nd {
    const x = nd(shape);
    for (let i = 0; i < x.values.length; i++) {
      let v: number;
      do v = Math.fround(lo + (hi - lo) * this.next());
      while (kinks(v) < margin);
      x.values[i] = v;
    }
    return x;
  }
  /** A shuffled grid lo, lo + spacing, ...: no two values are closer than `spacing`, so a max
   *  or min never ties, nor changes winner under a small perturbation. */
  distinct(shape: readonly number[], lo: number, spacing: number): Nd {
    const n = sizeOf(shape);
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return nd(
      shape,
      order.map((k) => Math.fround(lo + k * spacing)),
    );
  }
}

/** A tensor holding the reference array's values in `dtype`. */
export function toTensor(x: Nd, dtype: DType = 'float32'): Tensor {
  if (dtype === 'float32') return tensor(Float32Array.from(x.values), x.shape, 'float32');
  if (dtype === 'int32') return tensor(Int32Array.from(x.values), x.shape, 'int32');
  return tensor(
    Uint8Array.from(x.values, (v) => (v !== 0 ? 1 : 0)),
    x.shape,
    'bool',
  );
}

/** The tensor's values, read the way every backend supports. */
export async function read(t: Tensor): Promise<Nd> {
  return nd(t.shape, await t.data());
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Checks shape, dtype and values of `t` against `expected`. Floats pass where
 * |got - expected| <= atol + rtol * max(|expected|, scale[i]); int32 and bool must be exact.
 * `scale` is the size of the terms behind an output (sum of |products| for a matMul), which
 * is what float32 rounding error is proportional to, even when the result cancels to ~0.
 */
export async function expectTensor(
  what: string,
  t: Tensor,
  expected: Nd,
  dtype: DType,
  tol: Tolerance,
  scale?: Float64Array,
): Promise<void> {
  if (t.dtype !== dtype) throw new Error(`${what}: dtype ${t.dtype}, expected ${dtype}`);
  if (!sameShape(t.shape, expected.shape)) throw new Error(`${what}: shape [${t.shape}], expected [${expected.shape}]`);
  const got = await t.data();
  expectValues(what, got, expected, dtype === 'float32' ? tol : { rtol: 0, atol: 0 }, scale);
}

export function expectValues(what: string, got: ArrayLike<number>, expected: Nd, tol: Tolerance, scale?: Float64Array): void {
  if (got.length !== expected.values.length) throw new Error(`${what}: ${got.length} values, expected ${expected.values.length}`);
  const bad: string[] = [];
  let count = 0;
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const g = got[i];
    const e = expected.values[i];
    if (Number.isNaN(e) && Number.isNaN(g)) continue;
    if (g === e) continue;
    const allowed = tol.atol + tol.rtol * Math.max(Math.abs(e), scale ? scale[i] : 0);
    const err = Math.abs(g - e);
    if (err <= allowed) continue;
    count++;
    worst = Math.max(worst, Number.isFinite(err) ? err : Infinity);
    if (bad.length < 5)
      bad.push(`at [${unravel(i, expected.shape)}] got ${g}, expected ${e} (error ${err.toPrecision(3)} > ${allowed.toPrecision(3)})`);
  }
  if (count > 0) {
    throw new Error(
      `${what}: ${count} of ${got.length} values differ (rtol ${tol.rtol}, atol ${tol.atol}; worst error ${worst.toPrecision(3)}): ${bad.join('; ')}`,
    );
  }
}

type ErrorClass = abstract new (message: string) => Error;

/** `fn` must throw an instance of `cls` whose message names `op`; tensors it made are the
 *  caller's to dispose (a throwing op must not leave any, which the leak check verifies). */
export function expectThrows(what: string, fn: () => unknown, cls: ErrorClass, op: string): void {
  let result: unknown;
  try {
    result = fn();
  } catch (err) {
    if (!(err instanceof cls)) {
      const got = err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err);
      throw new Error(`${what}: expected ${cls.name}, got ${got}`);
    }
    if (!err.message.includes(op)) throw new Error(`${what}: the ${cls.name} message should name '${op}', got: ${err.message}`);
    return;
  }
  if (result !== null && typeof result === 'object' && 'dispose' in result && typeof result.dispose === 'function') result.dispose();
  throw new Error(`${what}: expected ${cls.name}, but it returned normally`);
}

/** A Variable holding `x` (the temporary tensor it is copied from is disposed). */
export function toVariable(x: Nd): Variable {
  const t = toTensor(x);
  try {
    return variable(t);
  } finally {
    t.dispose();
  }
}
