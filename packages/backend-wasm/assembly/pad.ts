// Constant padding: the output is filled with the pad value before this runs (TypeScript side);
// here each row of x (the trailing dimensions without padding, joined) is copied to its place.
import { PadParams } from './generated/layouts';

/**
 * x, of outer shape [n0, n1, n2] over rows of `len` 4-byte elements, row by row to the output at
 * element offset start + i0*os0 + i1*os1 + i2*os2. Units are index pairs (i0, i1), i0 * n1 + i1:
 * the outer shape is right-aligned, so for NHWC images padded along H and W, n0 is 1 and the
 * pairs are (image, row).
 */
export function padRows(p: usize, begin: i32, end: i32, tid: i32): void {
  const n1 = PadParams.n1(p), n2 = PadParams.n2(p);
  const os0 = <usize>PadParams.os0(p) << 2, os1 = <usize>PadParams.os1(p) << 2, os2 = <usize>PadParams.os2(p) << 2;
  const bytes = <usize>PadParams.len(p) << 2;
  const dst = PadParams.dst(p) + (<usize>PadParams.start(p) << 2);
  let s = PadParams.src(p) + <usize>begin * <usize>n2 * bytes;
  for (let u = begin; u < end; u++) {
    const i0 = u / n1, i1 = u - i0 * n1;
    let d = dst + <usize>i0 * os0 + <usize>i1 * os1;
    for (let i2 = 0; i2 < n2; i2++, s += bytes, d += os2) memory.copy(d, s, bytes);
  }
}
