import { type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { OUT_INDEX, idiv, kernelSource } from './util/source.js';

const PROGRAM = {
  key: 'matMul',
  // One output element per thread: a row of a (strides am, ak) times a column of b (bk, bn).
  source: () =>
    kernelSource(
      ['a', 'b'],
      ['M', 'N', 'K', 'aBatch', 'am', 'ak', 'bBatch', 'bk', 'bn'],
      `${OUT_INDEX}
const t = ${idiv('i', '(M * N)')};
const rem = i - t * M * N;
const m = ${idiv('rem', 'N')};
const n = rem - m * N;
const ao = t * aBatch + m * am;
const bo = t * bBatch + n * bn;
let acc = 0.0;
for (let k = 0; k < K; k++) { acc = acc + a[ao + k * ak] * b[bo + k * bk]; }
return acc;`,
    ),
};

/** Rank-3 operands [batch, rows, cols]; a batch of 1 broadcasts. */
export const matMul: KernelFn<'matMul', WebGlBackend> = (backend, { a, b }, { transposeA, transposeB }, out) => {
  const [batchA, ra, ca] = a.shape;
  const [batchB, rb, cb] = b.shape;
  const M = transposeA ? ca : ra;
  const K = transposeA ? ra : ca;
  const N = transposeB ? rb : cb;
  const am = transposeA ? 1 : ca;
  const ak = transposeA ? ca : 1;
  const bk = transposeB ? 1 : cb;
  const bn = transposeB ? cb : 1;
  return backend.run(
    PROGRAM,
    [a, b],
    [M, N, K, batchA === 1 ? 0 : ra * ca, am, ak, batchB === 1 ? 0 : rb * cb, bk, bn],
    sizeFromShape(out.shape),
    out.dtype,
  );
};
