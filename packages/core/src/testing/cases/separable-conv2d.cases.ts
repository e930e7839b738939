/** `separableConv2d` (depthwiseConv2d then a 1x1 conv2d): forward against the float64 reference
 *  at several configs in one case, and its gradients in one case. */
import { separableConv2d } from '../../ops/index.js';
import { ShapeError } from '../../errors.js';
import { Rng, expectTensor, expectThrows, toTensor, type CaseDef } from '../harness.js';
import { separableConv2dRef } from '../reference/depthwise-conv.js';
import { type DepthwiseConfig, padArg, refAttrs } from './depthwise-conv2d.cases.js';
import { gradCase } from './grad-util.js';

const CONFIGS: readonly (DepthwiseConfig & { readonly outChannels: number })[] = [
  { label: 'valid multiplier 1', x: [2, 5, 5, 3], filter: [3, 3, 3, 1], strides: 1, pad: 'valid', dilations: 1, outChannels: 4 },
  { label: 'same stride 2 multiplier 2', x: [1, 6, 7, 2], filter: [3, 3, 2, 2], strides: 2, pad: 'same', dilations: 1, outChannels: 3 },
  { label: 'same dilation 2', x: [1, 6, 6, 2], filter: [2, 2, 2, 1], strides: 1, pad: 'same', dilations: 2, outChannels: 1 },
];

const forward: CaseDef = {
  group: 'separableConv2d',
  name: 'forward vs reference',
  run: async (ctx) => {
    for (const c of CONFIGS) {
      const rng = new Rng(`separableConv2d ${c.label}`);
      const x = rng.floats(c.x);
      const dw = rng.floats(c.filter);
      const pw = rng.floats([1, 1, c.filter[2] * c.filter[3], c.outChannels]);
      const ref = separableConv2dRef(x, dw, pw, refAttrs(c));
      const ts = [toTensor(x), toTensor(dw), toTensor(pw)];
      const y = separableConv2d(ts[0], ts[1], ts[2], c.strides, padArg(c), c.dilations);
      try {
        await expectTensor(`separableConv2d ${c.label}`, y, ref.out, 'float32', ctx.tol, ref.scale);
      } finally {
        for (const t of [...ts, y]) t.dispose();
      }
    }
    const rng = new Rng('separableConv2d misuse');
    const ts = [toTensor(rng.floats([1, 4, 4, 2])), toTensor(rng.floats([3, 3, 2, 2])), toTensor(rng.floats([1, 1, 3, 5]))];
    try {
      expectThrows('separableConv2d pointwise depth', () => separableConv2d(ts[0], ts[1], ts[2], 1, 'same'), ShapeError, 'separableConv2d');
    } finally {
      for (const t of ts) t.dispose();
    }
  },
};

const gradients = gradCase('separableConv2d', 'gradients', {
  inputs: (rng) => [rng.floats([1, 4, 3, 2]), rng.floats([2, 2, 2, 2]), rng.floats([1, 1, 4, 2])],
  f: ([x, dw, pw]) => separableConv2d(x, dw, pw, 2, 'same'),
});

export const separableConv2dCases: CaseDef[] = [forward, gradients];
