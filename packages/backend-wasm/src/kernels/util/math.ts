/** Scalar helpers for the int32 kernels that run in TypeScript. */

/** Integer power with int32 wrap-around, as TensorFlow's int32 `pow`. */
export function intPow(base: number, exp: number): number {
  if (exp < 0) {
    // Truncating 1 / base^|exp| is the nearest integer answer and never throws inside a kernel.
    if (base === 1) return 1;
    if (base === -1) return exp % 2 === 0 ? 1 : -1;
    return 0;
  }
  let result = 1;
  let b = base | 0;
  let e = exp;
  while (e > 0) {
    if (e & 1) result = Math.imul(result, b);
    b = Math.imul(b, b);
    e >>>= 1;
  }
  return result;
}

/** Python-style remainder: the result takes the divisor's sign. */
export function floorMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}
