import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, kernelSource, unravel } from './util/source.js';

/** Output [B, OH, OW, O] (dims d0..d3); input [B, H, W, C]; filter [FH, FW, C, O]. */
const PROGRAM = {
  key: 'conv2d',
  source: () =>
    kernelSource(
      ['x', 'f'],
      ['d0', 'd1', 'd2', 'd3', 'H', 'W', 'C', 'FH', 'FW', 'sh', 'sw', 'pt', 'pl', 'dh', 'dw'],
      `${OUT_INDEX}
${unravel('i', 4, 'c', 'd')}
let acc = 0.0;
for (let fy = 0; fy < FH; fy++) {
  const iy = c1 * sh - pt + fy * dh;
  if (iy >= 0 && iy < H) {
    for (let fx = 0; fx < FW; fx++) {
      const ix = c2 * sw - pl + fx * dw;
      if (ix >= 0 && ix < W) {
        const xo = ((c0 * H + iy) * W + ix) * C;
        const fo = (fy * FW + fx) * C * d3 + c3;
        for (let ci = 0; ci < C; ci++) { acc = acc + x[xo + ci] * f[fo + ci * d3]; }
      }
    }
  }
}
return acc;`,
    ),
};

export const conv2d: KernelFn<'conv2d', WebGlBackend> = (backend, { x, filter }, { strides, pad, dilations }, out) => {
  const [, H, W, C] = x.shape;
  const [FH, FW] = filter.shape;
  return backend.run(
    PROGRAM,
    [x, filter],
    [...out.shape, H, W, C, FH, FW, strides[0], strides[1], pad.top, pad.left, dilations[0], dilations[1]],
    sizeFromShape(out.shape),
    out.dtype,
  );
};
