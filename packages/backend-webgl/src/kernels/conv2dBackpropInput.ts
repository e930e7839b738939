import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, idiv, kernelSource, unravel } from './util/source.js';

/** dx [B, H, W, C] (dims d0..d3) from dy [B, OH, OW, O] and filter [FH, FW, C, O]: each dx sums
 *  the dy of every output position whose window covers it. */
const PROGRAM = {
  key: 'conv2dBackpropInput',
  source: () =>
    kernelSource(
      ['dy', 'f'],
      ['d0', 'd1', 'd2', 'd3', 'OH', 'OW', 'O', 'FH', 'FW', 'sh', 'sw', 'pt', 'pl', 'dh', 'dw'],
      `${OUT_INDEX}
${unravel('i', 4, 'c', 'd')}
let acc = 0.0;
for (let fy = 0; fy < FH; fy++) {
  const ty = c1 + pt - fy * dh;
  const oy = ${idiv('ty', 'sh')};
  if (ty >= 0 && oy * sh == ty && oy < OH) {
    for (let fx = 0; fx < FW; fx++) {
      const tx = c2 + pl - fx * dw;
      const ox = ${idiv('tx', 'sw')};
      if (tx >= 0 && ox * sw == tx && ox < OW) {
        const yo = ((c0 * OH + oy) * OW + ox) * O;
        const fo = ((fy * FW + fx) * d3 + c3) * O;
        for (let co = 0; co < O; co++) { acc = acc + dy[yo + co] * f[fo + co]; }
      }
    }
  }
}
return acc;`,
    ),
};

export const conv2dBackpropInput: KernelFn<'conv2dBackpropInput', WebGlBackend> = (
  backend,
  { dy, filter },
  { strides, pad, dilations },
  out,
) => {
  const [, OH, OW, O] = dy.shape;
  const [FH, FW] = filter.shape;
  return backend.run(
    PROGRAM,
    [dy, filter],
    [...out.shape, OH, OW, O, FH, FW, strides[0], strides[1], pad.top, pad.left, dilations[0], dilations[1]],
    sizeFromShape(out.shape),
    out.dtype,
  );
};
