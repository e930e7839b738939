/**
 * References for the image resize ops: TensorFlow.js 4.22's CPU kernels restated as loops over
 * float64 [batch, height, width, channels] arrays (one source pixel or four per output pixel).
 */
import { nd, type Nd } from './nd.js';

function ratio(oldSize: number, newSize: number, alignCorners: boolean): number {
  return alignCorners && newSize > 1 ? (oldSize - 1) / (newSize - 1) : oldSize / newSize;
}

function resizeRef(
  x: Nd,
  [newH, newW]: readonly [number, number],
  pixel: (at: (r: number, c: number, ch: number) => number, r: number, c: number, ch: number) => number,
): Nd {
  const [b, h, w, ch] = x.shape;
  const out = nd([b, newH, newW, ch]);
  let k = 0;
  for (let n = 0; n < b; n++) {
    const at = (r: number, c: number, d: number) => x.values[((n * h + r) * w + c) * ch + d];
    for (let r = 0; r < newH; r++) for (let c = 0; c < newW; c++) for (let d = 0; d < ch; d++) out.values[k++] = pixel(at, r, c, d);
  }
  return out;
}

export function resizeBilinearRef(x: Nd, size: readonly [number, number], alignCorners: boolean, halfPixelCenters: boolean): Nd {
  const [, h, w] = x.shape;
  const rh = ratio(h, size[0], alignCorners);
  const rw = ratio(w, size[1], alignCorners);
  const source = (i: number, r: number, old: number) => {
    const s = halfPixelCenters ? r * (i + 0.5) - 0.5 : r * i;
    const lo = Math.max(0, Math.floor(s));
    return [lo, Math.min(old - 1, Math.ceil(s)), s - lo] as const;
  };
  return resizeRef(x, size, (at, r, c, d) => {
    const [r0, r1, fr] = source(r, rh, h);
    const [c0, c1, fc] = source(c, rw, w);
    const top = at(r0, c0, d) + (at(r0, c1, d) - at(r0, c0, d)) * fc;
    const bottom = at(r1, c0, d) + (at(r1, c1, d) - at(r1, c0, d)) * fc;
    return top + (bottom - top) * fr;
  });
}

export function resizeNearestNeighborRef(x: Nd, size: readonly [number, number], alignCorners: boolean, halfPixelCenters: boolean): Nd {
  const [, h, w] = x.shape;
  const rh = ratio(h, size[0], alignCorners);
  const rw = ratio(w, size[1], alignCorners);
  const nearest = (i: number, r: number, old: number) => {
    const s = halfPixelCenters ? r * (i + 0.5) : r * i;
    const k = Math.min(old - 1, alignCorners ? Math.round(s) : Math.floor(s));
    return halfPixelCenters ? Math.max(0, k) : k;
  };
  return resizeRef(x, size, (at, r, c, d) => at(nearest(r, rh, h), nearest(c, rw, w), d));
}
