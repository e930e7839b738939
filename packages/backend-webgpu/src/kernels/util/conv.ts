/**
 * The three convolutions as implicit GEMMs over NHWC data and HWIO filters. Each loader maps a
 * GEMM coordinate back to tensor coordinates; the uniforms carry the geometry, so a pipeline
 * serves every batch size and image size.
 */
import { backendUtil, type Conv2dAttrs, type Shape } from '@tensile/core';
import type { UniformSpec } from '../../encoder.js';
import type { GemmShader } from '../../shaders/gemm.js';

/** Core's, shared by every backend (backendUtil). The annotation names the type through this
 *  module: the one the bundled core declarations give cannot be named in ours. */
export type ConvGeometry = backendUtil.ConvGeometry;
export const convGeometry: (xShape: Shape, filterShape: Shape, yShape: Shape, attrs: Conv2dAttrs) => ConvGeometry =
  backendUtil.convGeometry;

/**
 * Whether each output is one window covering the whole (unpadded) input: LeNet's C5, a dense layer
 * written as a convolution. The patch matrix is then x itself, [n, h*w*ci], and the filter a
 * [h*w*ci, co] matrix, so the three convolutions are plain matmuls; the implicit GEMM of
 * conv2dBackpropInput would otherwise sum over every tap of every output pixel, all but one of
 * them outside the 1x1 output.
 */
export function isDenseConv(g: ConvGeometry, attrs: Conv2dAttrs): boolean {
  return (
    g.oh === 1 &&
    g.ow === 1 &&
    g.fh === g.h &&
    g.fw === g.w &&
    attrs.pad.top === 0 &&
    attrs.pad.left === 0 &&
    (g.fh === 1 || attrs.dilations[0] === 1) &&
    (g.fw === 1 || attrs.dilations[1] === 1)
  );
}

/** Unit strides and dilations on both axes: what the unrolled direct kernels take. */
export function unitSteps(attrs: Conv2dAttrs): boolean {
  return attrs.strides[0] === 1 && attrs.strides[1] === 1 && attrs.dilations[0] === 1 && attrs.dilations[1] === 1;
}

export const CONV_UNIFORMS: UniformSpec = [
  ['H', 'u32'],
  ['W', 'u32'],
  ['CI', 'u32'],
  ['CO', 'u32'],
  ['OH', 'u32'],
  ['OW', 'u32'],
  ['FW', 'u32'],
  ['SH', 'u32'],
  ['SW', 'u32'],
  ['DH', 'u32'],
  ['DW', 'u32'],
  ['PT', 'i32'],
  ['PL', 'i32'],
];

export function convUniforms(g: ConvGeometry, attrs: Conv2dAttrs): number[] {
  return [
    g.h,
    g.w,
    g.ci,
    g.co,
    g.oh,
    g.ow,
    g.fw,
    attrs.strides[0],
    attrs.strides[1],
    attrs.dilations[0],
    attrs.dilations[1],
    attrs.pad.top,
    attrs.pad.left,
  ];
}

/** B = the filter as a [K, CO] matrix, row-major: the forward convolution's right operand. */
const FILTER_AS_B = {
  bRow: '  return vec4<i32>(i32(k * u.CO), 0, 0, 0);',
  bCol: '  return vec4<i32>(i32(n), 0, 0, 0);',
};

/** y[pixel, co] = sum over (ky, kx, ci) of x[patch] * filter[ky, kx, ci, co]; conv2d and
 *  fusedConv2d share it (bias and activation are uniforms of the epilogue). */
export function conv2dShader(): GemmShader {
  return {
    key: 'conv2d',
    type: 'f32',
    buffers: [
      { name: 'y', type: 'f32', write: true },
      { name: 'x', type: 'f32' },
      { name: 'f', type: 'f32' },
    ],
    fusable: true,
    uniforms: CONV_UNIFORMS,
    // Row m = output pixel (b, oy, ox): its image and the input position of its window's corner.
    aRow: `
  let ox = m % u.OW;
  let t = m / u.OW;
  return vec4<i32>(i32(t / u.OH), i32((t % u.OH) * u.SH) - u.PT, i32(ox * u.SW) - u.PL, 0);`,
    // Column k = filter tap (ky, kx, ci): its offset inside the window, and the channel.
    aCol: `
  let ci = k % u.CI;
  let t = k / u.CI;
  return vec4<i32>(i32((t / u.FW) * u.DH), i32((t % u.FW) * u.DW), i32(ci), 0);`,
    aLoad: `
  let iy = r.y + c.x;
  let ix = r.z + c.y;
  if (iy < 0 || ix < 0 || iy >= i32(u.H) || ix >= i32(u.W)) { return 0.0; }
  return x[((u32(r.x) * u.H + u32(iy)) * u.W + u32(ix)) * u.CI + u32(c.z)];`,
    ...FILTER_AS_B,
    bLoad: '  return f[u32(r.x + c.x)];',
    kSplit: {
      d0: 'u.CI',
      d1: 'u.FW',
      aCol: '  return vec4<i32>(i32(kc.z * u.DH), i32(kc.y * u.DW), i32(kc.x), 0);',
      bRow: '  return vec4<i32>(i32(k * u.CO), 0, 0, 0);',
    },
  };
}

/**
 * dx[input pixel, ci] = sum over (ky, kx, co) of dy[the output pixel that tap saw] * f[ky, kx, ci, co].
 * With unit strides every tap sees an output pixel (or the border), so the divisibility test
 * and divisions by the stride are compiled out.
 */
export function conv2dBackpropInputShader(unitStride: boolean): GemmShader {
  const toOutput = unitStride
    ? `  let oy = u32(sy);
  let ox = u32(sx);
  if (oy >= u.OH || ox >= u.OW) { return 0.0; }`
    : `  let oy = u32(sy) / u.SH;
  let ox = u32(sx) / u.SW;
  if (oy * u.SH != u32(sy) || ox * u.SW != u32(sx) || oy >= u.OH || ox >= u.OW) { return 0.0; }`;
  return {
    key: `conv2dBackpropInput:${unitStride ? 'unit' : 'strided'}`,
    type: 'f32',
    buffers: [
      { name: 'y', type: 'f32', write: true },
      { name: 'dy', type: 'f32' },
      { name: 'f', type: 'f32' },
    ],
    uniforms: CONV_UNIFORMS,
    // Row m = input pixel (b, iy, ix), shifted into padded coordinates.
    aRow: `
  let ix = m % u.W;
  let t = m / u.W;
  return vec4<i32>(i32(t / u.H), i32(t % u.H) + u.PT, i32(ix) + u.PL, 0);`,
    // Column k = (ky, kx, co).
    aCol: `
  let co = k % u.CO;
  let t = k / u.CO;
  return vec4<i32>(i32((t / u.FW) * u.DH), i32((t % u.FW) * u.DW), i32(co), 0);`,
    aLoad: `
  let sy = r.y - c.x;
  let sx = r.z - c.y;
  if (sy < 0 || sx < 0) { return 0.0; }
${toOutput}
  return dy[((u32(r.x) * u.OH + oy) * u.OW + ox) * u.CO + u32(c.z)];`,
    // B[k = (tap, co), n = ci] = f[tap, ci, co].
    bRow: `
  let co = k % u.CO;
  return vec4<i32>(i32((k / u.CO) * u.CI * u.CO + co), 0, 0, 0);`,
    bCol: '  return vec4<i32>(i32(n * u.CO), 0, 0, 0);',
    bLoad: '  return f[u32(r.x + c.x)];',
    kSplit: {
      d0: 'u.CO',
      d1: 'u.FW',
      aCol: '  return vec4<i32>(i32(kc.z * u.DH), i32(kc.y * u.DW), i32(kc.x), 0);',
      bRow: '  return vec4<i32>(i32((kc.z * u.FW + kc.y) * u.CI * u.CO + kc.x), 0, 0, 0);',
    },
  };
}

/** df[ky, kx, ci, co] = sum over output pixels of x[patch element] * dy[pixel, co]. */
export function conv2dBackpropFilterShader(): GemmShader {
  return {
    key: 'conv2dBackpropFilter',
    type: 'f32',
    buffers: [
      { name: 'y', type: 'f32', write: true },
      { name: 'x', type: 'f32' },
      { name: 'dy', type: 'f32' },
    ],
    uniforms: CONV_UNIFORMS,
    // Row m = filter tap (ky, kx, ci): its offset from a window's corner, and the channel.
    aRow: `
  let ci = m % u.CI;
  let t = m / u.CI;
  return vec4<i32>(i32((t / u.FW) * u.DH) - u.PT, i32((t % u.FW) * u.DW) - u.PL, i32(ci), 0);`,
    // Column k = output pixel (b, oy, ox): its image and window corner.
    aCol: `
  let ox = k % u.OW;
  let t = k / u.OW;
  return vec4<i32>(i32(t / u.OH), i32((t % u.OH) * u.SH), i32(ox * u.SW), 0);`,
    aLoad: `
  let iy = r.x + c.y;
  let ix = r.y + c.z;
  if (iy < 0 || ix < 0 || iy >= i32(u.H) || ix >= i32(u.W)) { return 0.0; }
  return x[((u32(c.x) * u.H + u32(iy)) * u.W + u32(ix)) * u.CI + u32(r.z)];`,
    ...FILTER_AS_B,
    bLoad: '  return dy[u32(r.x + c.x)];',
    kSplit: {
      d0: 'u.OW',
      d1: 'u.OH',
      aCol: '  return vec4<i32>(i32(kc.z), i32(kc.y * u.SH), i32(kc.x * u.SW), 0);',
      bRow: '  return vec4<i32>(i32(k * u.CO), 0, 0, 0);',
    },
  };
}
