/**
 * Gradient checks by central finite differences. The loss is L = sum(f(xs) * W) with fixed random
 * weights W, so every output element matters. The analytic gradient comes from `grads` through
 * the backend; the numeric one evaluates f through the backend in float32 and accumulates
 * sum(y * W) in float64 in JS. Backends are deterministic, so outputs that a perturbation does
 * not reach round identically in both evaluations and cancel exactly; only the reached ones add
 * float32 noise, of order 1e-7 * |y| / eps.
 */
import { grads } from '../autodiff/gradients.js';
import { tidy } from '../globals.js';
import { mul, sum } from '../ops/index.js';
import type { Tensor } from '../tensor.js';
import { expectValues, read, toTensor, type Rng, type Tolerance } from './harness.js';
import { nd, type Nd } from './reference/nd.js';

/** Step: large enough that float32 noise / eps stays ~1e-5, small enough that the O(eps²)
 *  truncation error stays ~1e-4 for the smooth functions checked (inputs kept away from kinks). */
export const GRAD_EPS = 1e-2;

async function weightedSum(y: Tensor, w: Float64Array): Promise<number> {
  const values = await y.data();
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * w[i];
  return s;
}

async function evaluate(f: (...xs: Tensor[]) => Tensor, inputs: readonly Nd[], w: Float64Array): Promise<number> {
  const xs = inputs.map((x) => toTensor(x));
  try {
    // f may be a composition: tidy frees its intermediates.
    const y = tidy(() => f(...xs));
    try {
      return await weightedSum(y, w);
    } finally {
      y.dispose();
    }
  } finally {
    for (const x of xs) x.dispose();
  }
}

/**
 * Checks every input's gradient of sum(f(...xs) * W). `inputs` are float32 arrays (chosen by the
 * case away from kinks by more than GRAD_EPS); `f` must not keep tensors it makes.
 */
export async function checkGradients(
  what: string,
  f: (...xs: Tensor[]) => Tensor,
  inputs: readonly Nd[],
  rng: Rng,
  tol: Tolerance,
  eps = GRAD_EPS,
): Promise<void> {
  const xs = inputs.map((x) => toTensor(x));
  let analytic: Nd[];
  let w: Nd;
  try {
    const probe = tidy(() => f(...xs));
    w = rng.floats(probe.shape, -1, 1);
    probe.dispose();
    const wt = toTensor(w);
    try {
      const gs = grads((...args: Tensor[]) => sum(mul(f(...args), wt)))(xs);
      try {
        analytic = [];
        for (let k = 0; k < gs.length; k++) {
          if (gs[k].shape.join() !== xs[k].shape.join()) {
            throw new Error(`${what}: gradient ${k} has shape [${gs[k].shape}], expected the input's [${xs[k].shape}]`);
          }
          analytic.push(await read(gs[k]));
        }
      } finally {
        for (const g of gs) g.dispose();
      }
    } finally {
      wt.dispose();
    }
  } finally {
    for (const x of xs) x.dispose();
  }

  for (let k = 0; k < inputs.length; k++) {
    const numeric = nd(inputs[k].shape);
    for (let j = 0; j < numeric.values.length; j++) {
      const x0 = inputs[k].values[j];
      // The perturbed values as float32 stores them; dividing by their true distance removes
      // the rounding of x ± eps from the estimate.
      const plus = Math.fround(x0 + eps);
      const minus = Math.fround(x0 - eps);
      const at = (v: number): Nd[] => inputs.map((x, i) => (i === k ? withValue(x, j, v) : x));
      const lp = await evaluate(f, at(plus), w.values);
      const lm = await evaluate(f, at(minus), w.values);
      numeric.values[j] = (lp - lm) / (plus - minus);
    }
    expectGradient(`${what}: d/dx${k}`, analytic[k], numeric, tol);
  }
}

function withValue(x: Nd, j: number, v: number): Nd {
  const values = x.values.slice();
  values[j] = v;
  return { shape: x.shape, values };
}

/** |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|). */
function expectGradient(what: string, analytic: Nd, numeric: Nd, tol: Tolerance): void {
  const scale = numeric.values.map((v, i) => Math.max(Math.abs(v), Math.abs(analytic.values[i])));
  expectValues(`${what} (analytic vs finite differences)`, analytic.values, numeric, tol, scale);
}
