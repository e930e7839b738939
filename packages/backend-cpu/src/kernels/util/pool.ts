import type { Pool2dAttrs, Shape } from '@tensile/core';

export interface PoolGeometry {
  readonly n: number;
  readonly h: number;
  readonly w: number;
  readonly c: number;
  readonly oh: number;
  readonly ow: number;
  readonly fh: number;
  readonly fw: number;
  readonly sh: number;
  readonly sw: number;
  readonly pt: number;
  readonly pl: number;
}

export function poolGeometry(xShape: Shape, yShape: Shape, attrs: Pool2dAttrs): PoolGeometry {
  const [n, h, w, c] = xShape;
  return {
    n,
    h,
    w,
    c,
    oh: yShape[1],
    ow: yShape[2],
    fh: attrs.filterSize[0],
    fw: attrs.filterSize[1],
    sh: attrs.strides[0],
    sw: attrs.strides[1],
    pt: attrs.pad.top,
    pl: attrs.pad.left,
  };
}

/**
 * Calls `visit(o, cells, count)` for each output pixel: `o` is the offset of its channel vector in
 * the output, `cells` the offsets of the in-bounds input pixels of its window in row-major order
 * (a reused buffer), `count` how many there are. Padding is skipped here, so it can neither win a
 * max nor count in an average. Per-pixel work is then a tight loop over channels.
 */
export function forEachWindow(g: PoolGeometry, visit: (o: number, cells: Int32Array, count: number) => void): void {
  const { n, h, w, c, oh, ow, fh, fw, sh, sw, pt, pl } = g;
  const cells = new Int32Array(fh * fw);
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * sh - pt;
      const ky0 = Math.max(0, -y0);
      const ky1 = Math.min(fh, h - y0);
      for (let ox = 0; ox < ow; ox++, o += c) {
        const x0 = ox * sw - pl;
        const kx0 = Math.max(0, -x0);
        const kx1 = Math.min(fw, w - x0);
        let count = 0;
        for (let ky = ky0; ky < ky1; ky++) {
          for (let kx = kx0; kx < kx1; kx++) cells[count++] = ((b * h + y0 + ky) * w + x0 + kx) * c;
        }
        visit(o, cells, count);
      }
    }
  }
}
