/**
 * Float64 reference of conv1d written directly over the width axis (not through conv2d), so it
 * checks the op's height-1 view and its padding translation independently.
 */
import { nd, type Nd } from './nd.js';

/** x [batch, width, inChannels] (NWC), filter [k, inChannels, outChannels]; `pad` in steps. */
export function conv1dRef(
  x: Nd,
  filter: Nd,
  stride: number,
  pad: 'valid' | 'same' | readonly [number, number],
  dilation: number,
): { out: Nd; scale: Float64Array } {
  const [n, w, ci] = x.shape;
  const [k, , co] = filter.shape;
  const span = (k - 1) * dilation + 1;
  let left = 0;
  let right = 0;
  if (pad === 'same') {
    const total = Math.max((Math.ceil(w / stride) - 1) * stride + span - w, 0);
    left = Math.floor(total / 2);
    right = total - left;
  } else if (pad !== 'valid') {
    [left, right] = pad;
  }
  const ow = Math.floor((w + left + right - span) / stride) + 1;
  const out = nd([n, ow, co]);
  const scale = new Float64Array(out.values.length);
  for (let b = 0; b < n; b++)
    for (let o = 0; o < ow; o++)
      for (let t = 0; t < k; t++) {
        const i = o * stride - left + t * dilation;
        if (i < 0 || i >= w) continue;
        for (let c = 0; c < ci; c++)
          for (let m = 0; m < co; m++) {
            const p = x.values[(b * w + i) * ci + c] * filter.values[(t * ci + c) * co + m];
            out.values[(b * ow + o) * co + m] += p;
            scale[(b * ow + o) * co + m] += Math.abs(p);
          }
      }
  return { out, scale };
}

/** [batch, channels, width] <-> [batch, width, channels]. */
export function swapLast2(x: Nd): Nd {
  const [n, a, b] = x.shape;
  const out = nd([n, b, a]);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < a; j++) for (let l = 0; l < b; l++) out.values[(i * b + l) * a + j] = x.values[(i * a + j) * b + l];
  return out;
}
