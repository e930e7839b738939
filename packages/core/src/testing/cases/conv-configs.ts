/** The convolution shapes shared by conv2d, its two backprop kernels and fusedConv2d cases:
 *  1x1, odd sizes, stride 2, dilation 2, same/valid/numeric/explicit padding, 1, 3 and 16+
 *  channels, batches above 1, a filter larger than its input or covering it, and the unbatched
 *  rank-3 form. */
import type { Conv2dAttrs, Pad4 } from '../../kernels/signatures.js';
import type { ExplicitPadding, PaddingSpec } from '../../ops/conv-util.js';
import { resolvePad } from '../reference/conv.js';

export interface ConvConfig {
  readonly label: string;
  readonly x: readonly number[];
  readonly filter: readonly [number, number, number, number];
  readonly strides: readonly [number, number];
  readonly pad: PaddingSpec;
  readonly dilations: readonly [number, number];
}

function conf(
  label: string,
  x: readonly number[],
  filter: readonly [number, number, number, number],
  strides: number | readonly [number, number],
  pad: PaddingSpec,
  dilations: number | readonly [number, number] = 1,
): ConvConfig {
  const pair = (v: number | readonly [number, number]): readonly [number, number] => (typeof v === 'number' ? [v, v] : v);
  return { label, x, filter, strides: pair(strides), pad, dilations: pair(dilations) };
}

export const CONV_CONFIGS: readonly ConvConfig[] = [
  conf('1x1 pixel', [1, 1, 1, 1], [1, 1, 1, 1], 1, 'valid'),
  conf('3x3 valid', [1, 5, 5, 1], [3, 3, 1, 1], 1, 'valid'),
  conf('3 channels same', [2, 7, 6, 3], [3, 3, 3, 4], 1, 'same'),
  conf('stride 2 same (odd padding)', [2, 7, 7, 3], [3, 3, 3, 5], 2, 'same'),
  conf('stride 2 valid', [1, 8, 8, 3], [3, 3, 3, 2], 2, 'valid'),
  conf('dilation 2 valid', [2, 9, 8, 3], [3, 3, 3, 4], 1, 'valid', 2),
  conf('dilation [2, 1] same', [1, 9, 9, 2], [3, 2, 2, 3], 1, 'same', [2, 1]),
  conf('16 in, 17 out channels', [2, 6, 7, 16], [3, 3, 16, 17], 1, 'same'),
  conf(
    'explicit padding, strides [1, 2]',
    [1, 5, 6, 3],
    [2, 3, 3, 2],
    [1, 2],
    [
      [0, 0],
      [1, 2],
      [0, 3],
      [0, 0],
    ],
  ),
  conf('numeric pad 1, 33 out channels', [2, 4, 4, 1], [3, 3, 1, 33], 1, 1),
  conf('5x5 LeNet-like', [3, 12, 12, 1], [5, 5, 1, 6], 1, 'valid'),
  // One input channel, as a first layer: 9 taps and rows of 11 pixels, neither a multiple of 4.
  conf('1 in, 6 out channels, rows of 11', [2, 11, 13, 1], [3, 3, 1, 6], 1, 'valid'),
  conf('valid, 16 out channels', [2, 6, 7, 3], [3, 3, 3, 16], 1, 'valid'),
  conf('rows of 10, 2 in, 8 out channels', [2, 5, 10, 2], [3, 3, 2, 8], 1, 'same'),
  conf('filter larger than input, same', [1, 3, 3, 2], [5, 5, 2, 2], 1, 'same'),
  // One output pixel per image, as LeNet's C5.
  conf('filter covering the input, stride 2', [3, 5, 4, 6], [5, 4, 6, 7], 2, 'valid'),
  conf('rank 3 input', [5, 5, 2], [3, 3, 2, 3], 1, 'valid'),
];

/** The rank-4 input shape a config's kernel sees. */
export function x4Shape(c: ConvConfig): [number, number, number, number] {
  const s = c.x.length === 3 ? [1, ...c.x] : c.x;
  return [s[0], s[1], s[2], s[3]];
}

function explicitPad(p: ExplicitPadding): Pad4 {
  return { top: p[1][0], bottom: p[1][1], left: p[2][0], right: p[2][1] };
}

/** The kernel attributes a config resolves to. */
export function convAttrs(c: ConvConfig): Conv2dAttrs {
  const [, h, w] = x4Shape(c);
  const [fh, fw] = c.filter;
  const p = c.pad;
  const pad4: Pad4 =
    typeof p === 'number'
      ? { top: p, bottom: p, left: p, right: p }
      : typeof p === 'string'
        ? resolvePad(p, h, w, fh, fw, c.strides, c.dilations)
        : explicitPad(p);
  return { strides: c.strides, pad: pad4, dilations: c.dilations };
}
