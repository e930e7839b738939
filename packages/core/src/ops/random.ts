/**
 * Random tensors. Draws are counter-based (element i depends only on the seed and i), so every
 * backend gives the same numbers for the same seed. Unseeded draws take their seed from a
 * module-level stream, seeded from Math.random unless `setRandomSeed` fixed it.
 */
import type { DType } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError } from '../errors.js';
import { hash32 } from '../random.js';
import type { Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { abs, round } from './unary.js';
import { binaryOp } from './binary.js';
import { cast } from './cast.js';
import { checkShape } from './fill.js';
import { where } from './where.js';
import { scalarOf } from './convert.js';

let seedState = (Math.random() * 0x100000000) >>> 0;

/** Makes every later unseeded random op reproducible (as `tf.random.set_seed`). */
export function setRandomSeed(seed: number): void {
  seedState = normalizeSeed('setRandomSeed', seed);
}

function nextSeed(): number {
  seedState = (seedState + 0x9e3779b9) >>> 0;
  return hash32(seedState);
}

/** Any finite number is a seed; non-integers are mixed in through their bits, not truncated. */
function normalizeSeed(op: string, seed: number): number {
  if (typeof seed !== 'number' || !Number.isFinite(seed))
    throw new ArgumentError(`${op}: seed must be a finite number, got ${String(seed)}`);
  if (Number.isInteger(seed)) return seed >>> 0 === seed ? seed : hash32((seed >>> 0) ^ hash32(Math.floor(seed / 0x100000000) >>> 0));
  const bits = new Uint32Array(new Float64Array([seed]).buffer);
  return hash32(bits[0] ^ hash32(bits[1]));
}

function seedOf(op: string, seed: number | undefined): number {
  return seed === undefined ? nextSeed() : normalizeSeed(op, seed);
}

function checkNumber(op: string, name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ArgumentError(`${op}: ${name} must be a finite number, got ${String(v)}`);
}

function checkFloatOrInt(op: string, dtype: DType): void {
  if (dtype !== 'float32' && dtype !== 'int32') throw new DTypeError(`${op}: dtype must be float32 or int32, got ${String(dtype)}`);
}

/** Uniform in [minval, maxval); int32 draws floor(minval + u * (maxval - minval)). */
export function randomUniform(shape: Shape, minval = 0, maxval = 1, dtype: 'float32' | 'int32' = 'float32', seed?: number): Tensor {
  checkNumber('randomUniform', 'minval', minval);
  checkNumber('randomUniform', 'maxval', maxval);
  checkFloatOrInt('randomUniform', dtype);
  if (!(maxval > minval)) throw new ArgumentError(`randomUniform: maxval (${maxval}) must be greater than minval (${minval})`);
  const $shape = checkShape('randomUniform', shape);
  const attrs = (): { shape: Shape; minval: number; maxval: number; dtype: 'float32' | 'int32'; seed: number } => ({
    shape: $shape,
    minval,
    maxval,
    dtype,
    seed: seedOf('randomUniform', seed),
  });
  // Unseeded, a compiled step draws a new seed at each replay, as each eager call does.
  return ENGINE.runKernel('randomUniform', {}, attrs(), seed === undefined ? attrs : undefined);
}

/** Normal with the given mean and standard deviation; int32 rounds, as TensorFlow.js. */
export function randomNormal(shape: Shape, mean = 0, stdDev = 1, dtype: 'float32' | 'int32' = 'float32', seed?: number): Tensor {
  checkNumber('randomNormal', 'mean', mean);
  checkNumber('randomNormal', 'stdDev', stdDev);
  checkFloatOrInt('randomNormal', dtype);
  if (stdDev < 0) throw new ArgumentError(`randomNormal: stdDev must be non-negative, got ${stdDev}`);
  const $shape = checkShape('randomNormal', shape);
  const attrs = (): { shape: Shape; mean: number; stddev: number; seed: number } => ({
    shape: $shape,
    mean,
    stddev: stdDev,
    seed: seedOf('randomNormal', seed),
  });
  const draw = (): Tensor => ENGINE.runKernel('randomNormal', {}, attrs(), seed === undefined ? attrs : undefined);
  return dtype === 'float32' ? draw() : ENGINE.tidy(() => cast(round(draw()), 'int32'));
}

/** Redraws of a truncated normal before the last fallback clips; P(still out) = 0.0455^6 ≈ 1e-8. */
const TRUNCATED_DRAWS = 6;

/**
 * Normal restricted to within two standard deviations of the mean (TensorFlow's definition):
 * values outside are redrawn from independent streams derived from the seed, and the last
 * stream is clipped, so the result is deterministic for a seed on every backend.
 */
export function truncatedNormal(shape: Shape, mean = 0, stdDev = 1, dtype: 'float32' | 'int32' = 'float32', seed?: number): Tensor {
  checkNumber('truncatedNormal', 'mean', mean);
  checkNumber('truncatedNormal', 'stdDev', stdDev);
  checkFloatOrInt('truncatedNormal', dtype);
  if (stdDev < 0) throw new ArgumentError(`truncatedNormal: stdDev must be non-negative, got ${stdDev}`);
  const $shape = checkShape('truncatedNormal', shape);
  const base = seedOf('truncatedNormal', seed);
  return ENGINE.tidy(() => {
    const standard = (k: number): Tensor =>
      ENGINE.runKernel(
        'randomNormal',
        {},
        { shape: $shape, mean: 0, stddev: 1, seed: hash32((base ^ Math.imul(k + 1, 0x85ebca6b)) >>> 0) },
      );
    const two = scalarOf(2, 'float32');
    let z = standard(0);
    for (let k = 1; k < TRUNCATED_DRAWS; k++) z = where(binaryOp('greater', abs(z), two), standard(k), z);
    z = binaryOp('minimum', binaryOp('maximum', z, scalarOf(-2, 'float32')), two);
    const y = binaryOp('add', binaryOp('mul', z, scalarOf(stdDev, 'float32')), scalarOf(mean, 'float32'));
    return dtype === 'float32' ? y : cast(round(y), 'int32');
  });
}
