import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, kernelSource, unravel } from './util/source.js';

/** Output [B, OH, OW, C] (dims d0..d3); padded positions never win a max nor count in an average. */
export function poolProgram(avg: boolean) {
  return {
    key: avg ? 'avgPool' : 'maxPool',
    source: () =>
      kernelSource(
        ['x'],
        ['d0', 'd1', 'd2', 'd3', 'H', 'W', 'FH', 'FW', 'sh', 'sw', 'pt', 'pl'],
        `${OUT_INDEX}
${unravel('i', 4, 'c', 'd')}
let acc = 0.0;
let count = 0.0;
for (let fy = 0; fy < FH; fy++) {
  const iy = c1 * sh - pt + fy;
  if (iy >= 0 && iy < H) {
    for (let fx = 0; fx < FW; fx++) {
      const ix = c2 * sw - pl + fx;
      if (ix >= 0 && ix < W) {
        const v = x[((c0 * H + iy) * W + ix) * d3 + c3];
        ${avg ? 'acc = acc + v;' : 'if (count == 0.0 || v > acc) { acc = v; }'}
        count = count + 1.0;
      }
    }
  }
}
return ${avg ? 'acc / count' : 'acc'};`,
      ),
  };
}

const PROGRAM = poolProgram(false);

export const maxPool: KernelFn<'maxPool', WebGlBackend> = (backend, { x }, { filterSize, strides, pad }, out) => {
  const [, H, W] = x.shape;
  return backend.run(
    PROGRAM,
    [x],
    [...out.shape, H, W, filterSize[0], filterSize[1], strides[0], strides[1], pad.top, pad.left],
    sizeFromShape(out.shape),
    out.dtype,
  );
};
