/**
 * Pooling gradients when the windows tile the input (strides equal to the window, no leading
 * padding, as in LeNet's 2x2 pools): each input cell lies in at most one window, so it reads one
 * dy instead of searching the windows that might contain it. The shape is compiled in, so
 * the index arithmetic divides by constants: a division by a uniform costs a scalar division per
 * lane on a CPU rasterizer, more than the rest of this kernel.
 */
import type { FusedActivation } from '@tensile/core';
import type { Program } from '../pipelines.js';
import { activationGradFn } from './activation-grad.js';
import { header, linearMain } from './common.js';
import { MATH_WGSL } from './math.js';

export interface TiledPoolShape {
  readonly h: number;
  readonly w: number;
  readonly c: number;
  readonly oh: number;
  readonly ow: number;
  readonly fh: number;
  readonly fw: number;
}

/** With `activation` (avg only: fusedAvgPoolGrad), each dx is multiplied by the activation's
 *  derivative at `ya`, the pool's input. */
export function poolGradTiledProgram(kind: 'max' | 'avg', s: TiledPoolShape, activation?: FusedActivation): Program {
  const { h, w, c, oh, ow, fh, fw } = s;
  const taps = Array.from({ length: fh * fw }, (_, t) => [Math.floor(t / fw), t % fw] as const);
  // Padded cells (past the bottom or right edge) never win a max and are not counted in an average.
  const body =
    kind === 'max'
      ? `  var best = 0.0;
  var at = -1;
${taps
  .map(
    ([ky, kx]) => `  if (y0 + ${ky}u < ${h}u && x0 + ${kx}u < ${w}u) {
    let v = x[((b * ${h}u + y0 + ${ky}u) * ${w}u + x0 + ${kx}u) * ${c}u + ch];
    if (at < 0 || v > best) { best = v; at = ${ky * fw + kx}; }
  }`,
  )
  .join('\n')}
  dx[i] = select(0.0, dy[o], at == i32((iy - y0) * ${fw}u + ix - x0));`
      : `  dx[i] = dy[o] / f32(min(${fh}u, ${h}u - y0) * min(${fw}u, ${w}u - x0));`;
  const buffers = poolGradBuffers(kind, activation);
  const uniforms = [['size', 'u32']] as const;
  return {
    key: `poolGradTiled:${kind}:${h}x${w}x${c}:${oh}x${ow}:${fh}x${fw}${activation ? `:${activation}` : ''}`,
    uniforms,
    source: () => `${MATH_WGSL}
${header(buffers, uniforms)}
${activation ? activationGradFn(activation) : ''}
${linearMain(
  withActivation(
    activation,
    `  let ch = i % ${c}u;
  let t = i / ${c}u;
  let ix = t % ${w}u;
  let t2 = t / ${w}u;
  let iy = t2 % ${h}u;
  let b = t2 / ${h}u;
  let oy = iy / ${fh}u;
  let ox = ix / ${fw}u;
  if (oy >= ${oh}u || ox >= ${ow}u) {
    dx[i] = 0.0;
    return;
  }
  let y0 = oy * ${fh}u;
  let x0 = ox * ${fw}u;
  let o = ((b * ${oh}u + oy) * ${ow}u + ox) * ${c}u + ch;
${body}`,
  ),
)}`,
  };
}

/** The pool gradients' storage buffers: dx, dy, then x (max) or the activation output ya (fused avg). */
export function poolGradBuffers(kind: 'max' | 'avg', activation?: FusedActivation) {
  if (kind === 'max')
    return [
      { name: 'dx', type: 'f32', write: true },
      { name: 'dy', type: 'f32' },
      { name: 'x', type: 'f32' },
    ] as const;
  if (activation)
    return [
      { name: 'dx', type: 'f32', write: true },
      { name: 'dy', type: 'f32' },
      { name: 'ya', type: 'f32' },
    ] as const;
  return [
    { name: 'dx', type: 'f32', write: true },
    { name: 'dy', type: 'f32' },
  ] as const;
}

/** Every `dx[i] = E;` of a kernel body becomes `dx[i] = act_grad(E, ya[i]);` (with an activation). */
export function withActivation(activation: FusedActivation | undefined, body: string): string {
  return activation ? body.replace(/dx\[i\] = (.+);/g, 'dx[i] = act_grad($1, ya[i]);') : body;
}
