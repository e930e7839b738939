/** `conv1d`: forward values against a direct 1-D reference at several configs (one case), and
 *  gradients with respect to input and filter (one case). */
import { concat, conv1d, reshape, type Conv1dDataFormat, type Conv1dPadding } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { conv1dRef, swapLast2 } from '../reference/conv1d.js';
import { nd } from '../reference/nd.js';
import { gradCase } from './grad-util.js';

interface Conv1dConfig {
  readonly label: string;
  /** NWC shape (rank 2 for the unbatched form); NCW configs are transposed from it. */
  readonly x: readonly number[];
  readonly filter: readonly [number, number, number];
  readonly stride: number;
  readonly pad: Conv1dPadding;
  readonly dilation: number;
  readonly format: Conv1dDataFormat;
}

const conf = (
  label: string,
  x: readonly number[],
  filter: readonly [number, number, number],
  stride: number,
  pad: Conv1dPadding,
  dilation = 1,
  format: Conv1dDataFormat = 'NWC',
): Conv1dConfig => ({ label, x, filter, stride, pad, dilation, format });

// Few configs, each covering several features: every case runs on every backend.
const CONFIGS: readonly Conv1dConfig[] = [
  conf('valid k3, 17 out channels', [2, 7, 3], [3, 3, 17], 1, 'valid'),
  conf('same stride 2 (odd padding)', [2, 8, 2], [3, 2, 3], 2, 'same'),
  conf('dilation 2 same', [1, 9, 3], [3, 3, 2], 1, 'same', 2),
  conf('rank 2 input, explicit [1, 3]', [6, 2], [2, 2, 2], 1, [
    [0, 0],
    [1, 3],
    [0, 0],
  ]),
  conf('NCW stride 3, numeric pad 1', [2, 10, 3], [3, 3, 2], 3, 1, 1, 'NCW'),
];

function refPad(c: Conv1dConfig): 'valid' | 'same' | readonly [number, number] {
  if (typeof c.pad === 'string') return c.pad;
  if (typeof c.pad === 'number') return [c.pad, c.pad];
  const w = c.pad[c.format === 'NWC' ? 1 : 2];
  return [w[0], w[1]];
}

const forward: CaseDef = {
  group: 'conv1d',
  name: 'forward',
  run: async (ctx) => {
    for (const c of CONFIGS) {
      const rng = new Rng(`conv1d ${c.label}`);
      const x = rng.floats(c.x);
      const f = rng.floats(c.filter);
      const x3 = x.shape.length === 2 ? nd([1, ...x.shape], x.values) : x;
      const ref = conv1dRef(x3, f, c.stride, refPad(c), c.dilation);
      let input = x;
      let expected = ref.out;
      let scale = ref.scale;
      if (c.format === 'NCW') {
        input = swapLast2(x3);
        expected = swapLast2(ref.out);
        scale = swapLast2({ shape: ref.out.shape, values: ref.scale }).values;
      }
      if (x.shape.length === 2) expected = nd(expected.shape.slice(1), expected.values);
      const [xt, ft] = [toTensor(input), toTensor(f)];
      const y = conv1d(xt, ft, c.stride, c.pad, c.format, c.dilation);
      try {
        await expectTensor(`conv1d ${c.label}`, y, expected, 'float32', ctx.tol, scale);
      } finally {
        for (const t of [xt, ft, y]) t.dispose();
      }
    }
  },
};

// Small shapes: the finite differences evaluate every config twice per input element.
const GRAD_CONFIGS: readonly Conv1dConfig[] = [
  conf('same stride 2', [1, 4, 2], [3, 2, 2], 2, 'same'),
  conf(
    'NCW dilation 2 explicit',
    [1, 5, 2],
    [2, 2, 1],
    1,
    [
      [0, 0],
      [0, 0],
      [2, 1],
    ],
    2,
    'NCW',
  ),
];

// One function over every config (outputs flattened and joined), so one case checks each
// config's input and filter gradients.
const gradients = gradCase('conv1d', 'gradients', {
  inputs: (rng) => GRAD_CONFIGS.flatMap((c) => [rng.floats(c.format === 'NCW' ? [c.x[0], c.x[2], c.x[1]] : c.x), rng.floats(c.filter)]),
  f: (xs) =>
    concat(
      GRAD_CONFIGS.map((c, i) => reshape(conv1d(xs[2 * i], xs[2 * i + 1], c.stride, c.pad, c.format, c.dilation), [-1])),
      0,
    ),
});

export const conv1dCases: CaseDef[] = [forward, gradients];
