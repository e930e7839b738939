/**
 * The text TensorFlow.js 4.22's `tensor.toString()` gives (tensor_format.ts), so `print` output
 * reads the same: values to 7 decimals, columns padded to their widest entry, and at most the
 * first and last 3 entries of an axis longer than 20.
 */
import type { DType } from '../dtype.js';
import { sizeFromShape, stridesOf } from '../shape.js';

const LIMIT = 20;
const FIRST_LAST = 3;
const DIGITS = 7;

export function formatTensor(values: ArrayLike<number>, shape: readonly number[], dtype: DType, verbose: boolean): string {
  // TensorFlow.js's strides leave out the last axis' (1): strides[rank - 2] is the row length.
  const strides = stridesOf(shape).slice(0, -1);
  const padPerCol = maxSizePerColumn(values, shape, dtype, strides);
  const lines = ['Tensor'];
  if (verbose) lines.push(`  dtype: ${dtype}`, `  rank: ${shape.length}`, `  shape: [${shape}]`, '  values:');
  lines.push(
    subTensor(Array.from(values), shape, dtype, strides, padPerCol)
      .map((l) => `    ${l}`)
      .join('\n'),
  );
  return lines.join('\n');
}

function valToString(v: number, pad: number, dtype: DType): string {
  const s = dtype === 'bool' ? (v === 0 ? 'false' : 'true') : Number.parseFloat(v.toFixed(DIGITS)).toString();
  return s.padEnd(pad);
}

function maxSizePerColumn(values: ArrayLike<number>, shape: readonly number[], dtype: DType, strides: readonly number[]): number[] {
  const n = sizeFromShape(shape);
  const numCols = strides.length > 0 ? strides[strides.length - 1] : 1;
  const pad = new Array<number>(numCols).fill(0);
  if (shape.length > 1) {
    for (let row = 0; row < n / numCols; row++) {
      for (let j = 0; j < numCols; j++) pad[j] = Math.max(pad[j], valToString(values[row * numCols + j], 0, dtype).length);
    }
  }
  return pad;
}

function subTensor(
  vals: number[],
  shape: readonly number[],
  dtype: DType,
  strides: readonly number[],
  pad: number[],
  isLast = true,
): string[] {
  const size = shape[0];
  const rank = shape.length;
  if (rank === 0) return [dtype === 'bool' ? (vals[0] === 0 ? 'false' : 'true') : vals[0].toString()];
  if (rank === 1) {
    if (size > LIMIT) {
      const first = vals.slice(0, FIRST_LAST).map((x, i) => valToString(x, pad[i], dtype));
      const last = vals.slice(size - FIRST_LAST, size).map((x, i) => valToString(x, pad[size - FIRST_LAST + i], dtype));
      return [`[${first.join(', ')}, ..., ${last.join(', ')}]`];
    }
    return [`[${vals.map((x, i) => valToString(x, pad[i], dtype)).join(', ')}]`];
  }
  const subshape = shape.slice(1);
  const substrides = strides.slice(1);
  const stride = strides[0];
  const lines: string[] = [];
  const rows = size > LIMIT ? [...range(0, FIRST_LAST), -1, ...range(size - FIRST_LAST, size)] : range(0, size);
  for (const i of rows) {
    if (i < 0) lines.push('...');
    else lines.push(...subTensor(vals.slice(i * stride, (i + 1) * stride), subshape, dtype, substrides, pad, i === size - 1));
  }
  const sep = rank === 2 ? ',' : '';
  lines[0] = `[${size > 0 ? lines[0] + sep : ''}`;
  for (let i = 1; i < lines.length - 1; i++) lines[i] = ` ${lines[i]}${sep}`;
  const newLineSep = `,\n${'\n'.repeat(Math.max(rank - 2, 0))}`;
  lines[lines.length - 1] = ` ${lines[lines.length - 1]}]${isLast ? '' : newLineSep}`;
  return lines;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(to - from, 0) }, (_, i) => from + i);
}
