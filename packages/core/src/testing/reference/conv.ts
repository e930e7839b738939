/**
 * Float64 references of conv2d and its two backprop kernels. All three walk the same
 * (output pixel, filter tap) pairs, written once in `forEachTap`; the forward one is also checked
 * independently by hand-sized cases, and the backprops by the gradient checks.
 */
import type { Conv2dAttrs, FusedActivation, Pad4 } from '../../kernels/signatures.js';
import { biasActivationRef, type Linear } from './matmul.js';
import { nd, type Nd } from './nd.js';

type Shape4 = readonly [number, number, number, number];

export function convOut(inSize: number, filter: number, stride: number, dilation: number, before: number, after: number): number {
  return Math.floor((inSize + before + after - ((filter - 1) * dilation + 1)) / stride) + 1;
}

/** TensorFlow's `same`: output ceil(in / stride), the odd padding pixel goes after. */
export function samePad(inSize: number, filter: number, stride: number, dilation: number): [number, number] {
  const out = Math.ceil(inSize / stride);
  const total = Math.max((out - 1) * stride + (filter - 1) * dilation + 1 - inSize, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

export function resolvePad(
  pad: 'same' | 'valid' | Pad4,
  inH: number,
  inW: number,
  fh: number,
  fw: number,
  strides: readonly [number, number],
  dilations: readonly [number, number],
): Pad4 {
  if (pad === 'valid') return { top: 0, bottom: 0, left: 0, right: 0 };
  if (pad !== 'same') return pad;
  const [top, bottom] = samePad(inH, fh, strides[0], dilations[0]);
  const [left, right] = samePad(inW, fw, strides[1], dilations[1]);
  return { top, bottom, left, right };
}

export function conv2dOutShape(x: Shape4, f: Shape4, a: Conv2dAttrs): Shape4 {
  return [
    x[0],
    convOut(x[1], f[0], a.strides[0], a.dilations[0], a.pad.top, a.pad.bottom),
    convOut(x[2], f[1], a.strides[1], a.dilations[1], a.pad.left, a.pad.right),
    f[3],
  ];
}

/** Calls `visit(xFlat, fFlat, yFlat)` for every in-bounds product of the convolution. */
function forEachTap(x: Shape4, f: Shape4, a: Conv2dAttrs, visit: (xi: number, fi: number, yi: number) => void): void {
  const [n, h, w, ci] = x;
  const [fh, fw, , co] = f;
  const [, oh, ow] = conv2dOutShape(x, f, a);
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++)
        for (let ky = 0; ky < fh; ky++) {
          const iy = oy * a.strides[0] - a.pad.top + ky * a.dilations[0];
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < fw; kx++) {
            const ix = ox * a.strides[1] - a.pad.left + kx * a.dilations[1];
            if (ix < 0 || ix >= w) continue;
            for (let c = 0; c < ci; c++)
              for (let o = 0; o < co; o++) {
                visit(((b * h + iy) * w + ix) * ci + c, ((ky * fw + kx) * ci + c) * co + o, ((b * oh + oy) * ow + ox) * co + o);
              }
          }
        }
}

function shape4(s: readonly number[]): Shape4 {
  return [s[0], s[1], s[2], s[3]];
}

export function conv2dRef(x: Nd, filter: Nd, attrs: Conv2dAttrs): Linear {
  const outShape = conv2dOutShape(shape4(x.shape), shape4(filter.shape), attrs);
  const out = nd(outShape);
  const scale = new Float64Array(out.values.length);
  forEachTap(shape4(x.shape), shape4(filter.shape), attrs, (xi, fi, yi) => {
    const p = x.values[xi] * filter.values[fi];
    out.values[yi] += p;
    scale[yi] += Math.abs(p);
  });
  return { out, scale };
}

export function conv2dBackpropInputRef(dy: Nd, filter: Nd, inputShape: Shape4, attrs: Conv2dAttrs): Linear {
  const out = nd(inputShape);
  const scale = new Float64Array(out.values.length);
  forEachTap(inputShape, shape4(filter.shape), attrs, (xi, fi, yi) => {
    const p = dy.values[yi] * filter.values[fi];
    out.values[xi] += p;
    scale[xi] += Math.abs(p);
  });
  return { out, scale };
}

export function conv2dBackpropFilterRef(x: Nd, dy: Nd, filterShape: Shape4, attrs: Conv2dAttrs): Linear {
  const out = nd(filterShape);
  const scale = new Float64Array(out.values.length);
  forEachTap(shape4(x.shape), filterShape, attrs, (xi, fi, yi) => {
    const p = x.values[xi] * dy.values[yi];
    out.values[fi] += p;
    scale[fi] += Math.abs(p);
  });
  return { out, scale };
}

export function fusedConv2dRef(x: Nd, filter: Nd, attrs: Conv2dAttrs, bias: Nd | undefined, activation: FusedActivation): Linear {
  return biasActivationRef(conv2dRef(x, filter, attrs), bias, activation);
}
