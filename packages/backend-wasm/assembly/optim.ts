// Fused in-place optimizer updates (Keras semantics), 4 lanes at a time.
import { AdamParams, SgdParams } from './generated/layouts';

/**
 * Adam with bias correction folded into lrT (computed by the caller in f64):
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; w -= lrT m / (sqrt(v) + eps).
 */
export function adam(p: usize, begin: i32, end: i32, tid: i32): void {
  const w = AdamParams.w(p), g = AdamParams.g(p), m = AdamParams.m(p), v = AdamParams.v(p);
  const b1 = AdamParams.beta1(p), b2 = AdamParams.beta2(p), eps = AdamParams.epsilon(p), lr = AdamParams.lrT(p);
  const vb1 = f32x4.splat(b1), vc1 = f32x4.splat(1 - b1);
  const vb2 = f32x4.splat(b2), vc2 = f32x4.splat(1 - b2);
  const veps = f32x4.splat(eps), vlr = f32x4.splat(lr);
  let i = begin;
  for (; i + 4 <= end; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const mi = f32x4.add(f32x4.mul(vb1, v128.load(m + o)), f32x4.mul(vc1, gi));
    const vi = f32x4.add(f32x4.mul(vb2, v128.load(v + o)), f32x4.mul(vc2, f32x4.mul(gi, gi)));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const step = f32x4.div(f32x4.mul(vlr, mi), f32x4.add(f32x4.sqrt(vi), veps));
    v128.store(w + o, f32x4.sub(v128.load(w + o), step));
  }
  for (; i < end; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const mi = b1 * load<f32>(m + o) + (1 - b1) * gi;
    const vi = b2 * load<f32>(v + o) + (1 - b2) * gi * gi;
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(w + o, load<f32>(w + o) - (lr * mi) / (Mathf.sqrt(vi) + eps));
  }
}

/**
 * SGD: without velocity (v = 0) w -= lr g; with it v = momentum v - lr g, then w += v, or
 * w += momentum v - lr g when nesterov.
 */
export function sgd(p: usize, begin: i32, end: i32, tid: i32): void {
  const w = SgdParams.w(p), g = SgdParams.g(p), v = SgdParams.v(p);
  const lr = SgdParams.lr(p), mom = SgdParams.momentum(p);
  const nesterov = SgdParams.nesterov(p) != 0;
  for (let i = begin; i < end; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    if (v == 0) {
      store<f32>(w + o, load<f32>(w + o) - lr * gi);
      continue;
    }
    const vi = mom * load<f32>(v + o) - lr * gi;
    store<f32>(v + o, vi);
    store<f32>(w + o, load<f32>(w + o) + (nesterov ? mom * vi - lr * gi : vi));
  }
}
