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
    let acc = 0;
    for (let j = 0; j < d; j++) {
      const q = p[o + j] / s;
      acc += t[o + j] * Math.log(q < epsilon ? epsilon : q > hi ? hi : q);
    }
    loss[r] = -acc;
  }
}

/**
 * dp[r, k] = g_k / s - sum_j g_j p_j / s^2 with g_j = -dy[r] * t_j / q_j where eps <= q_j <= 1 - eps
 * (q = p / s), else 0: the chain rule through the log, the clip (whose gradient passes where
 * its bounds hold with equality too, as maximum's and minimum's do) and the normalisation. g is
 * computed twice per row rather than kept, so a training step allocates nothing here.
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
    const g = (j: number): number => {
      const q = p[o + j] / s;
      return q >= epsilon && q <= hi ? (-dy[r] * t[o + j]) / q : 0;
    };
    let gp = 0;
    for (let j = 0; j < d; j++) gp += g(j) * p[o + j];
    const c = gp / (s * s);
    for (let j = 0; j < d; j++) dp[o + j] = g(j) / s - c;
  }
}
