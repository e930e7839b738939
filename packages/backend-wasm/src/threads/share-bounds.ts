/**
 * Where the shares of a job begin and end. The first share of each thread is claimed at once, so
 * those are equal; the rest shrink geometrically to an eighth of them. Threads claim shares in
 * order, so whichever thread finishes last is on a small share and the caller's wait for it is
 * short, where equal shares would leave it waiting for a whole share.
 */

/** Size ratio of the last share to the first. */
const LAST_TO_FIRST = 1 / 8;

/**
 * Writes the end of share s at ends[s] for s < shares, over units [0, total), for a pool of
 * `threads`; share s begins where share s - 1 ends (share 0 at 0). Every share is non-empty while
 * total >= shares; otherwise the first `total` shares get one unit each and the rest none.
 */
export function shareEnds(total: number, shares: number, threads: number, ends: Int32Array | number[]): void {
  if (total <= shares) {
    for (let s = 0; s < shares; s++) ends[s] = Math.min(total, s + 1);
    return;
  }
  const equal = Math.min(shares, Math.max(1, threads));
  const tail = shares - equal;
  const r = tail > 0 ? LAST_TO_FIRST ** (1 / tail) : 1;
  // Weights: 1 for each of the first `equal` shares, then r, r^2, ..., r^tail.
  const whole = equal + (tail > 0 ? (r * (1 - r ** tail)) / (1 - r) : 0);
  let prev = 0;
  let sum = 0;
  let term = 1;
  for (let s = 0; s < shares; s++) {
    if (s >= equal) term *= r;
    sum += term;
    // At least one unit each, and room left for one unit per share still to come.
    const end = s === shares - 1 ? total : Math.min(total - (shares - 1 - s), Math.max(prev + 1, Math.round((total * sum) / whole)));
    ends[s] = end;
    prev = end;
  }
}

/** Shares of a job with work in them (the rest have empty ranges). */
export function sharesUsed(total: number, shares: number): number {
  return Math.min(total, shares);
}
