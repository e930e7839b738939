/**
 * maxPool and avgPool when the windows tile the input (see pool-grad-tiled.ts): the window is
 * unrolled and the shape compiled in, so no lane divides by a uniform or loops over a window.
 */
import type { Program } from '../pipelines.js';
import { header, linearMain } from './common.js';
import { MATH_WGSL } from './math.js';
import type { TiledPoolShape } from './pool-grad-tiled.js';

export function poolTiledProgram(kind: 'max' | 'avg', s: TiledPoolShape): Program {
  const { h, w, c, oh, ow, fh, fw } = s;
  const taps = Array.from({ length: fh * fw }, (_, t) => [Math.floor(t / fw), t % fw] as const);
  // Cells past the bottom or right edge are padding: never a max, not counted in an average.
  const cells = taps
    .map(
      ([ky, kx]) => `  if (y0 + ${ky}u < ${h}u && x0 + ${kx}u < ${w}u) {
    let v = x[((b * ${h}u + y0 + ${ky}u) * ${w}u + x0 + ${kx}u) * ${c}u + ch];
    ${kind === 'max' ? 'if (v > best) { best = v; }' : 's = s + v;'}
  }`,
    )
    .join('\n');
  const uniforms = [['size', 'u32']] as const;
  return {
    key: `poolTiled:${kind}:${h}x${w}x${c}:${oh}x${ow}:${fh}x${fw}`,
    uniforms,
    source: () => `${MATH_WGSL}
${header(
  [
    { name: 'y', type: 'f32', write: true },
    { name: 'x', type: 'f32' },
  ],
  uniforms,
)}
${linearMain(`  let ch = i % ${c}u;
  let t = i / ${c}u;
  let ox = t % ${ow}u;
  let t2 = t / ${ow}u;
  let oy = t2 % ${oh}u;
  let b = t2 / ${oh}u;
  let y0 = oy * ${fh}u;
  let x0 = ox * ${fw}u;
  ${kind === 'max' ? 'var best = -inf_f32();' : 'var s = 0.0;'}
${cells}
  y[i] = ${kind === 'max' ? 'best' : `s / f32(min(${fh}u, ${h}u - y0) * min(${fw}u, ${w}u - x0))`};`)}`,
  };
}
