/** `depthwiseConv2d` (composed from pad, slice, mul, add): forward against the float64
 *  reference at several configs in one case, and its gradients in one case. */
import type { Pad4 } from '../../kernels/signatures.js';
import { concat, depthwiseConv2d, reshape, transpose } from '../../ops/index.js';
import type { DataFormat } from '../../ops/conv-util.js';
import { ArgumentError, ShapeError } from '../../errors.js';
import { Rng, expectTensor, expectThrows, toTensor, type CaseDef } from '../harness.js';
import { resolvePad } from '../reference/conv.js';
import { depthwiseConv2dRef } from '../reference/depthwise-conv.js';
import { gradCase } from './grad-util.js';

export interface DepthwiseConfig {
  readonly label: string;
  readonly x: readonly [number, number, number, number];
  readonly filter: readonly [number, number, number, number];
  readonly strides: number;
  readonly pad: 'same' | 'valid' | Pad4;
  readonly dilations: number;
  readonly dataFormat?: DataFormat;
}

export const DEPTHWISE_CONFIGS: readonly DepthwiseConfig[] = [
  { label: 'valid 3x3 multiplier 1', x: [2, 5, 6, 3], filter: [3, 3, 3, 1], strides: 1, pad: 'valid', dilations: 1 },
  { label: 'same stride 2 multiplier 2', x: [1, 7, 6, 2], filter: [3, 3, 2, 2], strides: 2, pad: 'same', dilations: 1 },
  { label: 'same dilation 2 2x3', x: [1, 6, 7, 2], filter: [2, 3, 2, 3], strides: 1, pad: 'same', dilations: 2 },
  {
    label: 'explicit pad stride 3',
    x: [1, 8, 7, 2],
    filter: [2, 2, 2, 1],
    strides: 3,
    pad: { top: 1, bottom: 0, left: 0, right: 2 },
    dilations: 1,
  },
  { label: 'NCHW same', x: [2, 5, 5, 3], filter: [3, 3, 3, 2], strides: 1, pad: 'same', dilations: 1, dataFormat: 'NCHW' },
];

/** The op's pad argument for a config: explicit pixels as TF's [[0, 0], [t, b], [l, r], [0, 0]]. */
export function padArg(c: DepthwiseConfig): 'same' | 'valid' | [number, number][] {
  if (typeof c.pad === 'string') return c.pad;
  const hw: [number, number][] = [
    [c.pad.top, c.pad.bottom],
    [c.pad.left, c.pad.right],
  ];
  return c.dataFormat === 'NCHW' ? [[0, 0], [0, 0], ...hw] : [[0, 0], ...hw, [0, 0]];
}

export function refAttrs(c: DepthwiseConfig) {
  const s: [number, number] = [c.strides, c.strides];
  const d: [number, number] = [c.dilations, c.dilations];
  return { strides: s, dilations: d, pad: resolvePad(c.pad, c.x[1], c.x[2], c.filter[0], c.filter[1], s, d) };
}

const forward: CaseDef = {
  group: 'depthwiseConv2d',
  name: 'forward vs reference',
  run: async (ctx) => {
    for (const c of DEPTHWISE_CONFIGS) {
      const rng = new Rng(`depthwiseConv2d ${c.label}`);
      const x = rng.floats(c.x);
      const f = rng.floats(c.filter);
      const ref = depthwiseConv2dRef(x, f, refAttrs(c));
      const [xt, ft] = [toTensor(x), toTensor(f)];
      const nchw = c.dataFormat === 'NCHW';
      const xin = nchw ? transpose(xt, [0, 3, 1, 2]) : xt;
      const y = depthwiseConv2d(xin, ft, c.strides, padArg(c), c.dataFormat, c.dilations);
      const yNhwc = nchw ? transpose(y, [0, 2, 3, 1]) : y;
      try {
        await expectTensor(`depthwiseConv2d ${c.label}`, yNhwc, ref.out, 'float32', ctx.tol, ref.scale);
      } finally {
        for (const t of new Set([xt, ft, xin, y, yNhwc])) t.dispose();
      }
    }
    const x = toTensor(new Rng('depthwiseConv2d misuse').floats([1, 4, 4, 2]));
    const f3 = toTensor(new Rng('depthwiseConv2d misuse f').floats([3, 3, 3, 1]));
    try {
      expectThrows('depthwiseConv2d channel mismatch', () => depthwiseConv2d(x, f3, 1, 'same'), ShapeError, 'depthwiseConv2d');
      expectThrows('depthwiseConv2d rank-2 filter', () => depthwiseConv2d(x, [[1, 2]], 1, 'same'), ShapeError, 'depthwiseConv2d');
      expectThrows('depthwiseConv2d strides 0', () => depthwiseConv2d(x, [[[[1], [1]]]], 0, 'same'), ArgumentError, 'depthwiseConv2d');
    } finally {
      x.dispose();
      f3.dispose();
    }
  },
};

const gradients = gradCase('depthwiseConv2d', 'gradients', {
  inputs: (rng) => [rng.floats([1, 4, 3, 2]), rng.floats([2, 2, 2, 2]), rng.floats([1, 4, 4, 1]), rng.floats([2, 1, 1, 2])],
  // Two configs in one check: stride 2 'same' with multiplier 2, and dilation 2 'valid'.
  f: ([x1, f1, x2, f2]) => {
    const a = depthwiseConv2d(x1, f1, 2, 'same');
    const b = depthwiseConv2d(x2, f2, 1, 'valid', 'NHWC', 2);
    return concat([reshape(a, [-1]), reshape(b, [-1])]);
  },
});

export const depthwiseConv2dCases: CaseDef[] = [forward, gradients];
