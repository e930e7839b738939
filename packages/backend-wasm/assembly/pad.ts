// Constant padding: each row of x (the trailing dimensions without padding, joined) is copied to
// its place, and each share fills the padding around its own rows first.
import { fill32 } from './elementwise';
import { PadParams } from './generated/layouts';

/**
 * x, of outer shape [n0, n1, n2] over rows of `len` 4-byte elements, row by row to the output at
 * element offset start + i0*os0 + i1*os1 + i2*os2. Units are index pairs (i0, i1), i0 * n1 + i1:
 * the outer shape is right-aligned, so for NHWC images padded along H and W, n0 is 1 and the
 * pairs are (image, row). Unit u owns the output from its first row's offset (0 for the first
 * unit) to the next unit's (the output's end for the last), so shares own disjoint ranges; each
 * unit fills its range with the pad value, then copies its rows over it while the range is still
 * in cache. (Filling the whole output first, on the calling thread, took longer than the copies.)
 */
export function padRows(p: usize, begin: i32, end: i32, tid: i32): void {
  const n1 = PadParams.n1(p), n2 = PadParams.n2(p), total = PadParams.n0(p) * n1;
  const os0 = <usize>PadParams.os0(p), os1 = <usize>PadParams.os1(p), os2 = <usize>PadParams.os2(p) << 2;
  const bytes = <usize>PadParams.len(p) << 2;
  const start = <usize>PadParams.start(p), size = <usize>PadParams.size(p), value = PadParams.value(p);
  const dst = PadParams.dst(p);
  let s = PadParams.src(p) + <usize>begin * <usize>n2 * bytes;
  // `at`: this unit's first row; the range filled before it starts at 0 for the first unit.
  let at = first(begin, n1, os0, os1, start);
  let from: usize = begin == 0 ? 0 : at;
  for (let u = begin; u < end; u++) {
    const next = u + 1 == total ? size : first(u + 1, n1, os0, os1, start);
    fill32(dst + (from << 2), <i32>(next - from), value);
    let d = dst + (at << 2);
    for (let i2 = 0; i2 < n2; i2++, s += bytes, d += os2) memory.copy(d, s, bytes);
    from = at = next;
  }
}

/** Element offset in the output of unit u's first row. */
// @ts-ignore: decorator
@inline function first(u: i32, n1: i32, os0: usize, os1: usize, start: usize): usize {
  const i0 = u / n1;
  return start + <usize>i0 * os0 + <usize>(u - i0 * n1) * os1;
}
