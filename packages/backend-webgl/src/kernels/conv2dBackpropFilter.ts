import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, kernelSource, unravel } from './util/source.js';

/** dw [FH, FW, C, O] (dims d0..d3) from x [B, H, W, C] and dy [B, OH, OW, O]. */
const PROGRAM = {
  key: 'conv2dBackpropFilter',
  source: () =>
    kernelSource(
      ['x', 'dy'],
      ['d0', 'd1', 'd2', 'd3', 'B', 'H', 'W', 'OH', 'OW', 'sh', 'sw', 'pt', 'pl', 'dh', 'dw'],
      `${OUT_INDEX}
${unravel('i', 4, 'c', 'd')}
let acc = 0.0;
for (let b = 0; b < B; b++) {
  for (let oy = 0; oy < OH; oy++) {
    const iy = oy * sh - pt + c0 * dh;
    if (iy >= 0 && iy < H) {
      for (let ox = 0; ox < OW; ox++) {
        const ix = ox * sw - pl + c1 * dw;
        if (ix >= 0 && ix < W) {
          acc = acc + x[((b * H + iy) * W + ix) * d2 + c2] * dy[((b * OH + oy) * OW + ox) * d3 + c3];
        }
      }
    }
  }
}
return acc;`,
    ),
};

export const conv2dBackpropFilter: KernelFn<'conv2dBackpropFilter', WebGlBackend> = (
  backend,
  { x, dy },
  { strides, pad, dilations },
  out,
) => {
  const [B, H, W] = x.shape;
  const [, OH, OW] = dy.shape;
  return backend.run(
    PROGRAM,
    [x, dy],
    [...out.shape, B, H, W, OH, OW, strides[0], strides[1], pad.top, pad.left, dilations[0], dilations[1]],
    sizeFromShape(out.shape),
    out.dtype,
  );
};
