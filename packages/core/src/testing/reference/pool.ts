/**
 * Float64 references of the pooling kernels. Padded positions never win a max and are not
 * counted in an average; maxPoolGrad sends each dy to the first maximum of its window in
 * row-major order.
 */
import type { Pool2dAttrs } from '../../kernels/signatures.js';
import { convOut } from './conv.js';
import { nd, type Nd } from './nd.js';

/** Calls `visit(yFlat, xFlats)` for every output with the in-bounds inputs of its window, in
 *  row-major window order. */
function forEachWindow(x: readonly number[], a: Pool2dAttrs, visit: (yi: number, xs: number[]) => void): readonly number[] {
  const [n, h, w, c] = x;
  const oh = convOut(h, a.filterSize[0], a.strides[0], 1, a.pad.top, a.pad.bottom);
  const ow = convOut(w, a.filterSize[1], a.strides[1], 1, a.pad.left, a.pad.right);
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++)
        for (let ch = 0; ch < c; ch++) {
          const xs: number[] = [];
          for (let ky = 0; ky < a.filterSize[0]; ky++) {
            const iy = oy * a.strides[0] - a.pad.top + ky;
            if (iy < 0 || iy >= h) continue;
            for (let kx = 0; kx < a.filterSize[1]; kx++) {
              const ix = ox * a.strides[1] - a.pad.left + kx;
              if (ix >= 0 && ix < w) xs.push(((b * h + iy) * w + ix) * c + ch);
            }
          }
          visit(((b * oh + oy) * ow + ox) * c + ch, xs);
        }
  return [n, oh, ow, c];
}

function poolShape(x: readonly number[], a: Pool2dAttrs): readonly number[] {
  return forEachWindow(x, a, () => undefined);
}

function firstMax(x: Nd, xs: number[]): number {
  let best = xs[0];
  for (const i of xs) if (x.values[i] > x.values[best]) best = i;
  return best;
}

export function maxPoolRef(x: Nd, a: Pool2dAttrs): Nd {
  const out = nd(poolShape(x.shape, a));
  forEachWindow(x.shape, a, (yi, xs) => (out.values[yi] = xs.length ? x.values[firstMax(x, xs)] : -Infinity));
  return out;
}

export function avgPoolRef(x: Nd, a: Pool2dAttrs): Nd {
  const out = nd(poolShape(x.shape, a));
  forEachWindow(x.shape, a, (yi, xs) => (out.values[yi] = xs.reduce((s, i) => s + x.values[i], 0) / xs.length));
  return out;
}

export function maxPoolGradRef(dy: Nd, x: Nd, a: Pool2dAttrs): Nd {
  const dx = nd(x.shape);
  forEachWindow(x.shape, a, (yi, xs) => {
    if (xs.length) dx.values[firstMax(x, xs)] += dy.values[yi];
  });
  return dx;
}

export function avgPoolGradRef(dy: Nd, x: Nd, a: Pool2dAttrs): Nd {
  const dx = nd(x.shape);
  forEachWindow(x.shape, a, (yi, xs) => {
    for (const i of xs) dx.values[i] += dy.values[yi] / xs.length;
  });
  return dx;
}
