import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, idiv, kernelSource, unravel } from './util/source.js';

/**
 * dx [B, H, W, C] (dims d0..d3): each input position sums the dy of every window that covers
 * it and whose first maximum (row-major, strict `>`) it is; the window's maximum is found again
 * per candidate, trading arithmetic for needing no argmax tensor.
 */
const PROGRAM = {
  key: 'maxPoolGrad',
  source: () =>
    kernelSource(
      ['dy', 'x'],
      ['d0', 'd1', 'd2', 'd3', 'OH', 'OW', 'FH', 'FW', 'sh', 'sw', 'pt', 'pl'],
      `${OUT_INDEX}
${unravel('i', 4, 'c', 'd')}
let acc = 0.0;
for (let fy = 0; fy < FH; fy++) {
  const ty = c1 + pt - fy;
  const oy = ${idiv('ty', 'sh')};
  if (ty >= 0 && oy * sh == ty && oy < OH) {
    for (let fx = 0; fx < FW; fx++) {
      const tx = c2 + pl - fx;
      const ox = ${idiv('tx', 'sw')};
      if (tx >= 0 && ox * sw == tx && ox < OW) {
        let best = 0.0;
        let by = -1.0;
        let bx = -1.0;
        for (let wy = 0; wy < FH; wy++) {
          const iy = oy * sh - pt + wy;
          if (iy >= 0 && iy < d1) {
            for (let wx = 0; wx < FW; wx++) {
              const ix = ox * sw - pl + wx;
              if (ix >= 0 && ix < d2) {
                const v = x[((c0 * d1 + iy) * d2 + ix) * d3 + c3];
                if (by < 0.0 || v > best) { best = v; by = iy; bx = ix; }
              }
            }
          }
        }
        if (by == c1 && bx == c2) { acc = acc + dy[((c0 * OH + oy) * OW + ox) * d3 + c3]; }
      }
    }
  }
}
return acc;`,
    ),
};

export const maxPoolGrad: KernelFn<'maxPoolGrad', WebGlBackend> = (backend, { dy, x }, { filterSize, strides, pad }, out) => {
  const [, OH, OW] = dy.shape;
  return backend.run(
    PROGRAM,
    [dy, x],
    [...out.shape, OH, OW, filterSize[0], filterSize[1], strides[0], strides[1], pad.top, pad.left],
    sizeFromShape(out.shape),
    out.dtype,
  );
};
