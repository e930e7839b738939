/** Sample statistics and the checks the random cases share. */
export function moments(v: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const mean = s / v.length;
  let q = 0;
  for (let i = 0; i < v.length; i++) q += (v[i] - mean) ** 2;
  return { mean, std: Math.sqrt(q / (v.length - 1)) };
}

/** |got - expected| within `k` standard errors (`se`): a fixed seed makes it deterministic, so
 *  k = 5 only guards against a seed that happens to be unlucky on some backend's rounding. */
export function expectNear(what: string, got: number, expected: number, se: number, k = 5): void {
  if (!(Math.abs(got - expected) <= k * se)) {
    throw new Error(`${what}: ${got} is more than ${k} standard errors (${se.toPrecision(3)}) from ${expected}`);
  }
}

export function expectDiffer(what: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  if (same > a.length / 10) throw new Error(`${what}: ${same} of ${a.length} values equal for different seeds`);
}
