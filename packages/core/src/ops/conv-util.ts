/** Argument normalisation shared by convolution and pooling ops. */
import { ArgumentError } from '../errors.js';
import type { Pad4 } from '../kernels/signatures.js';

/** Explicit padding per dimension, in the input's layout: [[0, 0], [top, bottom], [left, right], [0, 0]] for NHWC. */
export type ExplicitPadding = readonly (readonly [number, number])[];
export type PaddingSpec = 'valid' | 'same' | number | ExplicitPadding;
export type DataFormat = 'NHWC' | 'NCHW';

/** A number or [height, width] pair of positive integers. */
export function pair(op: string, name: string, v: number | readonly number[]): [number, number] {
  const p: readonly number[] = typeof v === 'number' ? [v, v] : v;
  if (!Array.isArray(p) || p.length !== 2 || !p.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new ArgumentError(`${op}: ${name} must be a positive integer or a [height, width] pair of them, got ${JSON.stringify(v)}`);
  }
  return [p[0], p[1]];
}

/** TensorFlow's 'same': output ceil(in / stride), the odd pixel of padding goes after (bottom/right). */
export function samePadding(inSize: number, filter: number, stride: number, dilation: number): [number, number] {
  const out = Math.ceil(inSize / stride);
  const effective = (filter - 1) * dilation + 1;
  const total = Math.max((out - 1) * stride + effective - inSize, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** Padding resolved to pixels. `inHW`, `filterHW`, `strides`, `dilations` are [height, width]. */
export function resolvePad(
  op: string,
  pad: PaddingSpec,
  inHW: readonly [number, number],
  filterHW: readonly [number, number],
  strides: readonly [number, number],
  dilations: readonly [number, number],
  dataFormat: DataFormat = 'NHWC',
): Pad4 {
  if (pad === 'valid') return { top: 0, bottom: 0, left: 0, right: 0 };
  if (pad === 'same') {
    const [top, bottom] = samePadding(inHW[0], filterHW[0], strides[0], dilations[0]);
    const [left, right] = samePadding(inHW[1], filterHW[1], strides[1], dilations[1]);
    return { top, bottom, left, right };
  }
  if (typeof pad === 'number') {
    if (!Number.isInteger(pad) || pad < 0) throw new ArgumentError(`${op}: a numeric pad must be a non-negative integer, got ${pad}`);
    return { top: pad, bottom: pad, left: pad, right: pad };
  }
  const layout =
    dataFormat === 'NHWC' ? '[[0, 0], [top, bottom], [left, right], [0, 0]]' : '[[0, 0], [0, 0], [top, bottom], [left, right]]';
  const bad = (): never => {
    throw new ArgumentError(
      `${op}: pad must be 'valid', 'same', a non-negative integer or explicit padding ${layout}, got ${JSON.stringify(pad)}`,
    );
  };
  if (!Array.isArray(pad) || pad.length !== 4) return bad();
  const ok = pad.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => Number.isInteger(v) && v >= 0));
  if (!ok) return bad();
  const hAxis = dataFormat === 'NHWC' ? 1 : 2;
  const wAxis = hAxis + 1;
  const zeroAxes = dataFormat === 'NHWC' ? [0, 3] : [0, 1];
  if (zeroAxes.some((a) => pad[a][0] !== 0 || pad[a][1] !== 0)) return bad();
  return { top: pad[hAxis][0], bottom: pad[hAxis][1], left: pad[wAxis][0], right: pad[wAxis][1] };
}

export function checkDataFormat(op: string, dataFormat: string): DataFormat {
  if (dataFormat !== 'NHWC' && dataFormat !== 'NCHW') {
    throw new ArgumentError(`${op}: dataFormat must be 'NHWC' or 'NCHW', got ${JSON.stringify(dataFormat)}`);
  }
  return dataFormat;
}

/** TensorFlow: strides and dilations greater than 1 cannot be combined. */
export function checkStridesOrDilations(op: string, strides: readonly [number, number], dilations: readonly [number, number]): void {
  const stridesOne = strides[0] === 1 && strides[1] === 1;
  const dilationsOne = dilations[0] === 1 && dilations[1] === 1;
  if (!stridesOne && !dilationsOne) {
    throw new ArgumentError(`${op}: either strides or dilations must be 1, got strides [${strides}] and dilations [${dilations}]`);
  }
}
