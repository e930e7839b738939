/** A fused conv, then an average pool of its output: the shapes of the kernels that take the
 *  gradient at the pool's output to the conv's filter and bias gradients. LeNet's first conv (one
 *  input channel, a 2x2 pool tiling its output), smaller one-channel convs (fewer than 4 output
 *  channels, a 3x3 pool), a pool that leaves the last column out, and several channels with same
 *  padding and overlapping windows. */
import type { Conv2dAttrs, FusedActivation, Pool2dAttrs } from '../../kernels/signatures.js';
import { Rng } from '../harness.js';
import { activationScalar } from '../reference/matmul.js';
import { nd, type Nd } from '../reference/nd.js';
import { avgPoolRef } from '../reference/pool.js';
import { CONV_CONFIGS, convAttrs, type ConvConfig } from './conv-configs.js';
import { conv2dOutShape } from '../reference/conv.js';

export interface ConvPoolConfig {
  readonly label: string;
  readonly conv: ConvConfig;
  readonly pool: Pool2dAttrs;
}

const NO_PAD = { top: 0, bottom: 0, left: 0, right: 0 };

function convConf(
  label: string,
  x: readonly number[],
  filter: readonly [number, number, number, number],
  pad: 'same' | 'valid',
): ConvConfig {
  return { label, x, filter, strides: [1, 1], pad, dilations: [1, 1] };
}

const pool = (size: number, stride: number, pad = NO_PAD): Pool2dAttrs => ({ filterSize: [size, size], strides: [stride, stride], pad });

export const CONV_POOL_CONFIGS: readonly ConvPoolConfig[] = [
  { label: 'LeNet conv 5x5 1->6 on 32x32, 2x2 pool', conv: convConf('', [2, 32, 32, 1], [5, 5, 1, 6], 'valid'), pool: pool(2, 2) },
  { label: 'one channel, 3x3 -> 6, pool leaves a column out', conv: convConf('', [2, 10, 11, 1], [3, 3, 1, 6], 'valid'), pool: pool(2, 2) },
  { label: 'one channel, 5 out, 3x3 pool stride 3', conv: convConf('', [3, 11, 14, 1], [3, 3, 1, 5], 'valid'), pool: pool(3, 3) },
  { label: 'one channel, 3 out, 2x2 pool', conv: convConf('', [2, 9, 9, 1], [2, 2, 1, 3], 'valid'), pool: pool(2, 2) },
  {
    label: '3 -> 4 channels same, 3x3 pool stride 2 padded',
    conv: convConf('', [2, 7, 6, 3], [3, 3, 3, 4], 'same'),
    pool: pool(3, 2, { top: 1, bottom: 1, left: 0, right: 1 }),
  },
  {
    label: 'stride 2 conv, overlapping 2x2 pool',
    conv: CONV_CONFIGS.find((c) => c.label === 'stride 2 valid') as ConvConfig,
    pool: pool(2, 1),
  },
];

export interface ConvPoolData {
  readonly attrs: Conv2dAttrs;
  readonly x: Nd;
  /** What a float32 forward pass stored as the conv's output: f of pre-activations in [-3, 3). */
  readonly y: Nd;
  /** The gradient at the pool's output. */
  readonly dy: Nd;
}

export function convPoolData(c: ConvPoolConfig, activation: FusedActivation, seed: string): ConvPoolData {
  const rng = new Rng(seed);
  const attrs = convAttrs(c.conv);
  const xShape = c.conv.x as [number, number, number, number];
  const x = rng.floats(xShape);
  const z = rng.floats(conv2dOutShape(xShape, c.conv.filter, attrs), -3, 3);
  const y = nd(
    z.shape,
    Array.from(z.values, (v) => Math.fround(activationScalar(activation, v))),
  );
  const dy = rng.floats(avgPoolRef(y, c.pool).shape, -2, 2);
  return { attrs, x, y, dy };
}
