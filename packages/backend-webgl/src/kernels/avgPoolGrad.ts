import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, idiv, kernelSource, unravel } from './util/source.js';

/** dx [B, H, W, C] (dims d0..d3): each input position sums dy / (valid cells) of every window
 *  that covers it. */
const PROGRAM = {
  key: 'avgPoolGrad',
  source: () =>
    kernelSource(
      ['dy'],
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
        const y0 = oy * sh - pt;
        const x0 = ox * sw - pl;
        const rows = Math.min(y0 + FH, d1) - Math.max(y0, 0.0);
        const cols = Math.min(x0 + FW, d2) - Math.max(x0, 0.0);
        acc = acc + dy[((c0 * OH + oy) * OW + ox) * d3 + c3] / (rows * cols);
      }
    }
  }
}
return acc;`,
    ),
};

export const avgPoolGrad: KernelFn<'avgPoolGrad', WebGlBackend> = (backend, { dy }, { filterSize, strides, pad }, out) => {
  const [, OH, OW] = dy.shape;
  return backend.run(
    PROGRAM,
    [dy],
    [...out.shape, OH, OW, filterSize[0], filterSize[1], strides[0], strides[1], pad.top, pad.left],
    sizeFromShape(out.shape),
    out.dtype,
  );
};
