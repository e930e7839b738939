/**
 * Pooling over NHWC, one thread per output element; the gradients are gathers (one thread per
 * input element, summing over the windows that contain it), so no atomics are needed and the
 * result is deterministic. Padded cells never win a max and are not counted in an average.
 */
import type { FusedActivation } from '@tensile/core';
import type { UniformSpec } from '../encoder.js';
import type { Program } from '../pipelines.js';
import { activationGradFn } from './activation-grad.js';
import { header, linearMain } from './common.js';
import { poolGradBuffers, withActivation } from './pool-grad-tiled.js';
import { MATH_WGSL } from './math.js';

export const POOL_UNIFORMS: UniformSpec = [
  ['size', 'u32'],
  ['H', 'u32'],
  ['W', 'u32'],
  ['C', 'u32'],
  ['OH', 'u32'],
  ['OW', 'u32'],
  ['FH', 'u32'],
  ['FW', 'u32'],
  ['SH', 'u32'],
  ['SW', 'u32'],
  ['PT', 'i32'],
  ['PL', 'i32'],
];

const OUT_COORDS = `  let c = i % u.C;
  let t = i / u.C;
  let ox = t % u.OW;
  let t2 = t / u.OW;
  let oy = t2 % u.OH;
  let b = t2 / u.OH;`;

/** Window bounds of output (oy, ox) clipped to the image: ky in [ky0, ky1), kx in [kx0, kx1). */
const WINDOW_FN = `
fn window(oy: u32, ox: u32) -> vec4<i32> {
  let y0 = i32(oy * u.SH) - u.PT;
  let x0 = i32(ox * u.SW) - u.PL;
  return vec4<i32>(y0 + max(0, -y0), min(y0 + i32(u.FH), i32(u.H)), x0 + max(0, -x0), min(x0 + i32(u.FW), i32(u.W)));
}`;

export function poolProgram(kind: 'max' | 'avg'): Program {
  const body =
    kind === 'max'
      ? `  var best = -inf_f32();
  for (var iy = w.x; iy < w.y; iy = iy + 1) {
    for (var ix = w.z; ix < w.w; ix = ix + 1) {
      let v = x[((b * u.H + u32(iy)) * u.W + u32(ix)) * u.C + c];
      if (v > best) { best = v; }
    }
  }
  y[i] = best;`
      : `  var s = 0.0;
  for (var iy = w.x; iy < w.y; iy = iy + 1) {
    for (var ix = w.z; ix < w.w; ix = ix + 1) {
      s = s + x[((b * u.H + u32(iy)) * u.W + u32(ix)) * u.C + c];
    }
  }
  y[i] = s / f32((w.y - w.x) * (w.w - w.z));`;
  return {
    key: `pool:${kind}`,
    uniforms: POOL_UNIFORMS,
    source: () => `${MATH_WGSL}
${header(
  [
    { name: 'y', type: 'f32', write: true },
    { name: 'x', type: 'f32' },
  ],
  POOL_UNIFORMS,
)}
${WINDOW_FN}
${linearMain(`${OUT_COORDS}\n  let w = window(oy, ox);\n${body}`)}`,
  };
}

/**
 * dx at input (b, iy, ix, c): the sum over windows containing it of dy, where for max only the
 * windows whose first maximum (row-major, strict >) is this cell count.
 */
/** With `activation` (avg only: fusedAvgPoolGrad), dx is multiplied by the activation's
 *  derivative at `ya`, the pool's input. */
export function poolGradProgram(kind: 'max' | 'avg', activation?: FusedActivation): Program {
  const perWindow =
    kind === 'max'
      ? `      let w = window(u32(oy), u32(ox));
      var best = 0.0;
      var at = vec2<i32>(-1, -1);
      for (var ky = w.x; ky < w.y; ky = ky + 1) {
        for (var kx = w.z; kx < w.w; kx = kx + 1) {
          let v = x[((b * u.H + u32(ky)) * u.W + u32(kx)) * u.C + c];
          if (at.x < 0 || v > best) { best = v; at = vec2<i32>(ky, kx); }
        }
      }
      if (at.x == iy && at.y == ix) { s = s + dy[o]; }`
      : `      let w = window(u32(oy), u32(ox));
      s = s + dy[o] / f32((w.y - w.x) * (w.w - w.z));`;
  const buffers = poolGradBuffers(kind, activation);
  return {
    key: `poolGrad:${kind}${activation ? `:${activation}` : ''}`,
    uniforms: POOL_UNIFORMS,
    source: () => `${MATH_WGSL}
${header(buffers, POOL_UNIFORMS)}
${WINDOW_FN}
${activation ? activationGradFn(activation) : ''}
// Ceiling division for b > 0 and any sign of a (WGSL's / truncates toward zero).
fn ceil_div(a: i32, b: i32) -> i32 {
  if (a <= 0) { return -((-a) / b); }
  return (a + b - 1) / b;
}
${linearMain(
  withActivation(
    activation,
    `  let c = i % u.C;
  let t = i / u.C;
  let ix = i32(t % u.W);
  let t2 = t / u.W;
  let iy = i32(t2 % u.H);
  let b = t2 / u.H;
  // Windows oy with oy*SH - PT <= iy <= oy*SH - PT + FH - 1, clipped to the output.
  let oy0 = max(0, ceil_div(iy + u.PT - i32(u.FH) + 1, i32(u.SH)));
  let oy1 = min(i32(u.OH) - 1, (iy + u.PT) / i32(u.SH));
  let ox0 = max(0, ceil_div(ix + u.PL - i32(u.FW) + 1, i32(u.SW)));
  let ox1 = min(i32(u.OW) - 1, (ix + u.PL) / i32(u.SW));
  var s = 0.0;
  for (var oy = oy0; oy <= oy1; oy = oy + 1) {
    for (var ox = ox0; ox <= ox1; ox = ox + 1) {
      let o = ((b * u.OH + u32(oy)) * u.OW + u32(ox)) * u.C + c;
${perWindow}
    }
  }
  dx[i] = s;`,
  ),
)}`,
  };
}
