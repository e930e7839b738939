/** The pooling shapes shared by maxPool, avgPool and their gradient kernels: exact tilings,
 *  same padding with odd inputs (the padded edge must not count), windows wider than strides,
 *  explicit padding, 16 channels, and the unbatched rank-3 form. */
import type { Pad4, Pool2dAttrs } from '../../kernels/signatures.js';
import type { PaddingSpec } from '../../ops/conv-util.js';
import { resolvePad } from '../reference/conv.js';

export interface PoolConfig {
  readonly label: string;
  readonly x: readonly number[];
  readonly filterSize: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly pad: PaddingSpec;
}

function conf(
  label: string,
  x: readonly number[],
  filterSize: number | readonly [number, number],
  strides: number | readonly [number, number],
  pad: PaddingSpec,
): PoolConfig {
  const pair = (v: number | readonly [number, number]): readonly [number, number] => (typeof v === 'number' ? [v, v] : v);
  return { label, x, filterSize: pair(filterSize), strides: pair(strides), pad };
}

export const POOL_CONFIGS: readonly PoolConfig[] = [
  conf('1x1 window', [1, 1, 1, 1], 1, 1, 'valid'),
  conf('2x2 stride 2 valid', [1, 4, 4, 1], 2, 2, 'valid'),
  conf('3x3 stride 2 same', [2, 7, 7, 3], 3, 2, 'same'),
  conf('[2, 3] window, strides [1, 2], 16 channels', [2, 6, 5, 16], [2, 3], [1, 2], 'valid'),
  conf('3x3 stride 1 same', [1, 5, 5, 2], 3, 1, 'same'),
  conf('2x2 stride 2 same, odd input', [3, 9, 9, 4], 2, 2, 'same'),
  conf('explicit padding', [1, 5, 6, 3], 3, 2, [
    [0, 0],
    [1, 1],
    [2, 0],
    [0, 0],
  ]),
  conf('LeNet 2x2 on 28x28x6', [2, 28, 28, 6], 2, 2, 'valid'),
  conf('rank 3 input', [6, 6, 2], 3, 3, 'valid'),
];

export function poolX4(c: PoolConfig): [number, number, number, number] {
  const s = c.x.length === 3 ? [1, ...c.x] : c.x;
  return [s[0], s[1], s[2], s[3]];
}

export function poolAttrs(c: PoolConfig): Pool2dAttrs {
  const [, h, w] = poolX4(c);
  const p = c.pad;
  const pad: Pad4 =
    typeof p === 'number'
      ? { top: p, bottom: p, left: p, right: p }
      : typeof p === 'string'
        ? resolvePad(p, h, w, c.filterSize[0], c.filterSize[1], c.strides, [1, 1])
        : { top: p[1][0], bottom: p[1][1], left: p[2][0], right: p[2][1] };
  return { filterSize: c.filterSize, strides: c.strides, pad };
}
