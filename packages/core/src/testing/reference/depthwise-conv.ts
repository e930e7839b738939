/**
 * Float64 references of depthwiseConv2d and separableConv2d: plain loops over output pixels and
 * filter taps, NHWC, filter [fh, fw, inChannels, channelMultiplier], output channel c * M + m.
 */
import type { Conv2dAttrs } from '../../kernels/signatures.js';
import { conv2dRef } from './conv.js';
import type { Linear } from './matmul.js';
import { nd, type Nd } from './nd.js';

export function depthwiseConv2dRef(x: Nd, filter: Nd, a: Conv2dAttrs): Linear {
  const [n, h, w, c] = x.shape;
  const [fh, fw, , m] = filter.shape;
  const oh = Math.floor((h + a.pad.top + a.pad.bottom - ((fh - 1) * a.dilations[0] + 1)) / a.strides[0]) + 1;
  const ow = Math.floor((w + a.pad.left + a.pad.right - ((fw - 1) * a.dilations[1] + 1)) / a.strides[1]) + 1;
  const out = nd([n, oh, ow, c * m]);
  const scale = new Float64Array(out.values.length);
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++)
        for (let ky = 0; ky < fh; ky++) {
          const iy = oy * a.strides[0] - a.pad.top + ky * a.dilations[0];
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < fw; kx++) {
            const ix = ox * a.strides[1] - a.pad.left + kx * a.dilations[1];
            if (ix < 0 || ix >= w) continue;
            for (let ci = 0; ci < c; ci++)
              for (let mi = 0; mi < m; mi++) {
                const p = x.values[((b * h + iy) * w + ix) * c + ci] * filter.values[((ky * fw + kx) * c + ci) * m + mi];
                const yi = ((b * oh + oy) * ow + ox) * c * m + ci * m + mi;
                out.values[yi] += p;
                scale[yi] += Math.abs(p);
              }
          }
        }
  return { out, scale };
}

/** Depthwise then a 1x1 conv2d; the scale carries the depthwise scale through |pointwise|. */
export function separableConv2dRef(x: Nd, depthwise: Nd, pointwise: Nd, a: Conv2dAttrs): Linear {
  const dw = depthwiseConv2dRef(x, depthwise, a);
  const one: Conv2dAttrs = { strides: [1, 1], dilations: [1, 1], pad: { top: 0, bottom: 0, left: 0, right: 0 } };
  const y = conv2dRef(dw.out, pointwise, one);
  const absPointwise = nd(pointwise.shape, pointwise.values.map(Math.abs));
  const s = conv2dRef({ shape: dw.out.shape, values: dw.scale }, absPointwise, one);
  return { out: y.out, scale: s.out.values };
}
