// The gradient at a fused conv's output from the gradient at an average pool that tiles the
// conv's output exactly (window = stride, no padding) and the conv's output y: what
// fusedAvgPoolGrad writes for the whole tensor, made where a kernel reads it instead (core's
// compiled/fuse.ts): a row at a time for the single-channel filter gradient, and summed cell by
// cell for the bias gradient. The conv's geometry and the pool's window come in ConvParams (pdy,
// pfh, pfw, act). The products are the fused kernel's (dy / count * f'(y), activationGradV).
import { activationGradV } from './elementwise';
import { Activation } from './generated/codes';
import { ConvParams } from './generated/layouts';

/** Floats a row written by poolGradRow may spill past ow * co. */
export const ROW_SLACK: i32 = 4;

// @ts-ignore: decorator
@inline function rowFor(p: usize, r: i32, dst: usize, act: i32): void {
  const oh = ConvParams.oh(p), ow = ConvParams.ow(p), co = ConvParams.co(p), fh = ConvParams.pfh(p), fw = ConvParams.pfw(p);
  const b = r / oh;
  const oy = r - b * oh;
  const cells = ow / fw;
  const cB = <usize>co << 2;
  let src = ConvParams.pdy(p) + <usize>(b * (oh / fh) + oy / fh) * <usize>cells * cB;
  let y = ConvParams.y(p) + <usize>r * <usize>ow * cB;
  const inv = f32x4.splat(1 / <f32>(fh * fw));
  let d = dst;
  if (fw == 2 && co <= 8) {
    // LeNet's 2x2 windows (up to 8 channels), unrolled: the generic loops' overhead is most of
    // their work at this size.
    for (let j = 0; j < cells; j++, src += cB, d += cB << 1, y += cB << 1) {
      const g0 = f32x4.mul(v128.load(src), inv), g1 = f32x4.mul(v128.load(src, 16), inv);
      v128.store(d, activationGradV(act, g0, v128.load(y)));
      if (co > 4) v128.store(d, activationGradV(act, g1, v128.load(y, 16)), 16);
      v128.store(d + cB, activationGradV(act, g0, v128.load(y + cB)));
      if (co > 4) v128.store(d + cB, activationGradV(act, g1, v128.load(y + cB, 16)), 16);
    }
    return;
  }
  // Pixels in order, each in whole vectors: the next pixel overwrites what one spills.
  for (let j = 0; j < cells; j++, src += cB) {
    for (let kx = 0; kx < fw; kx++, d += cB, y += cB) {
      for (let ch = 0; ch < co; ch += 4) {
        const o = <usize>ch << 2;
        v128.store(d + o, activationGradV(act, f32x4.mul(v128.load(src + o), inv), v128.load(y + o)));
      }
    }
  }
}

/**
 * dst[0 .. ow * co) = row r (of the n * oh rows of the conv's output) of the gradient at the
 * conv's output. dst needs ROW_SLACK floats past its end; pdy and y are read up to 3 floats past a
 * pixel (a tensor's 16 bytes of tail room cover the last one).
 */
export function poolGradRow(p: usize, r: i32, dst: usize): void {
  switch (ConvParams.act(p)) {
    case Activation.linear: rowFor(p, r, dst, Activation.linear); return;
    case Activation.relu: rowFor(p, r, dst, Activation.relu); return;
    case Activation.relu6: rowFor(p, r, dst, Activation.relu6); return;
    case Activation.tanh: rowFor(p, r, dst, Activation.tanh); return;
    case Activation.sigmoid: rowFor(p, r, dst, Activation.sigmoid); return;
    case Activation.elu: rowFor(p, r, dst, Activation.elu); return;
    default: unreachable();
  }
}

/**
 * Bias gradient over pooled rows [begin, end) of the n * oh / pfh: the share's f64 sums per
 * channel (in blocks of 4, the last one's lanes past co unused) at scratch + tid * scratchStride,
 * each pooled row first summed in f32 (its cells' window sums) after them.
 */
// @ts-ignore: decorator
@inline function biasFor(p: usize, begin: i32, end: i32, tid: i32, act: i32): void {
  const oh = ConvParams.oh(p), ow = ConvParams.ow(p), co = ConvParams.co(p), fh = ConvParams.pfh(p), fw = ConvParams.pfw(p);
  const cells = ow / fw;
  const poh = oh / fh;
  const cB = <usize>co << 2;
  const blocks = (co + 3) >> 2;
  const sums = ConvParams.scratch(p) + <usize>tid * ConvParams.scratchStride(p);
  const part = sums + (<usize>blocks << 5);
  const rowB = <usize>ow * cB;
  const inv = f32x4.splat(1 / <f32>(fh * fw));
  memory.fill(sums, 0, <usize>blocks << 5);
  for (let u = begin; u < end; u++) {
    const b = u / poh;
    const top = ConvParams.y(p) + <usize>(b * oh + (u - b * poh) * fh) * rowB;
    const src = ConvParams.pdy(p) + <usize>u * <usize>cells * cB;
    if (fh == 2 && fw == 2 && co <= 8) {
      // LeNet's 2x2 windows (up to 8 channels), unrolled with independent sums: the generic
      // loops wait on one chain of adds.
      // A window's sum is its dy / 4 times the sum of f' over its cells (f'(y) is
      // activationGradV of 1): one product per window instead of four.
      const one = f32x4.splat(1);
      let a0 = f32x4.splat(0), a1 = a0;
      let q = src, t = top;
      for (let j = 0; j < cells; j++, q += cB, t += cB << 1) {
        const d = t + rowB;
        const s0 = f32x4.add(activationGradV(act, one, v128.load(t)), activationGradV(act, one, v128.load(t + cB)));
        const s1 = f32x4.add(activationGradV(act, one, v128.load(d)), activationGradV(act, one, v128.load(d + cB)));
        a0 = f32x4.add(a0, f32x4.mul(f32x4.mul(v128.load(q), inv), f32x4.add(s0, s1)));
        if (co > 4) {
          const s2 = f32x4.add(activationGradV(act, one, v128.load(t, 16)), activationGradV(act, one, v128.load(t + cB, 16)));
          const s3 = f32x4.add(activationGradV(act, one, v128.load(d, 16)), activationGradV(act, one, v128.load(d + cB, 16)));
          a1 = f32x4.add(a1, f32x4.mul(f32x4.mul(v128.load(q, 16), inv), f32x4.add(s2, s3)));
        }
      }
      v128.store(part, a0);
      if (co > 4) v128.store(part, a1, 16);
    } else {
      // (memory.fill costs more than these few stores.)
      for (let k = 0; k < blocks; k++) v128.store(part + (<usize>k << 4), f32x4.splat(0));
      for (let j = 0; j < cells; j++) {
        for (let ch = 0; ch < co; ch += 4) {
          const o = <usize>ch << 2;
          const g = f32x4.mul(v128.load(src + <usize>j * cB + o), inv);
          let s = f32x4.splat(0);
          let row = top + <usize>(j * fw) * cB + o;
          for (let ky = 0; ky < fh; ky++, row += rowB) {
            for (let kx = 0; kx < fw; kx++) s = f32x4.add(s, activationGradV(act, g, v128.load(row + <usize>kx * cB)));
          }
          v128.store(part + o, f32x4.add(v128.load(part + o), s));
        }
      }
    }
    for (let k = 0; k < blocks; k++) {
      const v = v128.load(part + (<usize>k << 4));
      const a = sums + (<usize>k << 5);
      v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(v)));
      v128.store(a, f64x2.add(v128.load(a, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3))), 16);
    }
  }
}

export function poolBiasGrad(p: usize, begin: i32, end: i32, tid: i32): void {
  switch (ConvParams.act(p)) {
    case Activation.linear: biasFor(p, begin, end, tid, Activation.linear); return;
    case Activation.relu: biasFor(p, begin, end, tid, Activation.relu); return;
    case Activation.relu6: biasFor(p, begin, end, tid, Activation.relu6); return;
    case Activation.tanh: biasFor(p, begin, end, tid, Activation.tanh); return;
    case Activation.sigmoid: biasFor(p, begin, end, tid, Activation.sigmoid); return;
    case Activation.elu: biasFor(p, begin, end, tid, Activation.elu); return;
    default: unreachable();
  }
}
