/**
 * Keras' categorical crossentropy of probabilities and its gradient, row by row over the last
 * axis (`d` classes), in doubles: the loops of the optional kernels categoricalCrossentropy and
 * categoricalCrossentropyGrad for backends that compute on typed arrays.
 */

function rowSum(p: ArrayLike<number>, o: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += p[o + j];
  return s;
}

/** loss[r] = -sum_j t[r, j] * log(clip(p[r, j] / s_r)), s_r = sum_j p[r, j]; clip to [eps, 1 - eps]. */
export function categoricalCrossentropyInto(
  t: ArrayLike<number>,
  p: ArrayLike<number>,
  d: number,
  epsilon: number,
  loss: Float32Array,
): void {
  const hi = 1 - epsilon;
  for (let r = 0, o = 0; r < loss.length; r++, o += d) {
    const s = rowSum(p, o, d);
    // With a finite row sum every clipped log is finite and a zero target adds exactly nothing:
    // a one-hot row takes one log. (Otherwise a NaN must reach the loss, as the product gives it.)
    const skip = Number.isFinite(s);
    let acc = 0;
    for (let j = 0; j < d; j++) {
      const tj = t[o + j];
      if (skip && tj === 0) continue;
      const q = p[o + j] / s;
      acc += tj * Math.log(q < epsilon ? epsilon : q > hi ? hi : q);
    }
    loss[r] = -acc;
  }
}

/**
 * dp[r, k] = g_k / s - sum_j g_j p_j / s^2 with g_j = -dy[r] * t_j / q_j where eps <= q_j <= 1 - eps
 * (q = p / s), else 0: the chain rule through the log, the clip (whose gradient passes where
 * its bounds hold with equality too, as maximum's and minimum's do) and the normalisation. g is
 * computed twice per row rather than kept, so a training step allocates nothing here; with a
 * finite dy and row sum, a zero target's g is a zero and is skipped.
 */
export function categoricalCrossentropyGradInto(
  dy: ArrayLike<number>,
  t: ArrayLike<number>,
  p: ArrayLike<number>,
  d: number,
  epsilon: number,
  dp: Float32Array,
): void {
  const hi = 1 - epsilon;
  for (let r = 0, o = 0; r < dy.length; r++, o += d) {
    const s = rowSum(p, o, d);
    const m = -dy[r];
    const skip = Number.isFinite(m) && Number.isFinite(s);
    let gp = 0;
    for (let j = 0; j < d; j++) {
      const tj = t[o + j];
      if (skip && tj === 0) continue;
      const q = p[o + j] / s;
      gp += (q >= epsilon && q <= hi ? (m * tj) / q : 0) * p[o + j];
    }
    const c = gp / (s * s);
    for (let j = 0; j < d; j++) {
      const tj = t[o + j];
      let g = 0;
      if (!skip || tj !== 0) {
        const q = p[o + j] / s;
        if (q >= epsilon && q <= hi) g = (m * tj) / q;
      }
      dp[o + j] = g / s - c;
    }
  }
}
