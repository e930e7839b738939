/** Float64 references of `matMul` and `fusedMatMul` (rank-3 operands, batch of 1 broadcasts). */
import type { FusedActivation } from '../../kernels/signatures.js';
import { broadcastFlat, broadcastShape, nd, sizeOf, unravel, type Nd } from './nd.js';

export interface Linear {
  readonly out: Nd;
  /** Per output: sum of |products| (and |bias|), the scale of float32 accumulation error. */
  readonly scale: Float64Array;
}

export function matMulRef(a: Nd, b: Nd, transposeA: boolean, transposeB: boolean): Linear {
  const [ba, ar, ac] = a.shape;
  const [bb, br, bc] = b.shape;
  const m = transposeA ? ac : ar;
  const k = transposeA ? ar : ac;
  const n = transposeB ? br : bc;
  const batch = Math.max(ba, bb);
  const out = nd([batch, m, n]);
  const scale = new Float64Array(out.values.length);
  const at = (bi: number, i: number, p: number): number => a.values[(ba === 1 ? 0 : bi) * ar * ac + (transposeA ? p * ac + i : i * ac + p)];
  const bt = (bi: number, p: number, j: number): number => b.values[(bb === 1 ? 0 : bi) * br * bc + (transposeB ? j * bc + p : p * bc + j)];
  for (let bi = 0; bi < batch; bi++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        let abs = 0;
        for (let p = 0; p < k; p++) {
          const prod = at(bi, i, p) * bt(bi, p, j);
          s += prod;
          abs += Math.abs(prod);
        }
        const o = (bi * m + i) * n + j;
        out.values[o] = s;
        scale[o] = abs;
      }
    }
  }
  return { out, scale };
}

export function activationScalar(activation: FusedActivation, x: number): number {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return x > 0 ? x : 0;
    case 'relu6':
      return Math.min(Math.max(x, 0), 6);
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'elu':
      return x > 0 ? x : Math.expm1(x);
  }
}

/** Adds `bias` along the last axis, then applies the activation. Every activation has slope at
 *  most 1, so the pre-activation error scale bounds the output's. */
export function biasActivationRef(lin: Linear, bias: Nd | undefined, activation: FusedActivation): Linear {
  const channels = lin.out.shape[lin.out.shape.length - 1];
  const values = new Float64Array(lin.out.values.length);
  const scale = new Float64Array(lin.scale.length);
  for (let i = 0; i < values.length; i++) {
    const bv = bias ? bias.values[i % channels] : 0;
    values[i] = activationScalar(activation, lin.out.values[i] + bv);
    scale[i] = lin.scale[i] + Math.abs(bv);
  }
  return { out: { shape: lin.out.shape, values }, scale };
}

export function fusedMatMulRef(
  a: Nd,
  b: Nd,
  transposeA: boolean,
  transposeB: boolean,
  bias: Nd | undefined,
  activation: FusedActivation,
): Linear {
  return biasActivationRef(matMulRef(a, b, transposeA, transposeB), bias, activation);
}

/** The public matMul's shapes over the rank-3 kernel: batch dimensions broadcast as in NumPy and
 *  flatten to one batch axis. */
function toRank3(x: Nd, batch: readonly number[]): Nd {
  const [r, c] = x.shape.slice(-2);
  const inBatch = x.shape.slice(0, -2);
  const n = sizeOf(batch);
  const out = nd([n, r, c]);
  for (let b = 0; b < n; b++) {
    const src = broadcastFlat(unravel(b, batch), inBatch);
    out.values.set(x.values.subarray(src * r * c, (src + 1) * r * c), b * r * c);
  }
  return out;
}

export function publicMatMulRef(a: Nd, b: Nd, tA: boolean, tB: boolean, bias?: Nd, activation: FusedActivation = 'linear'): Linear {
  const batch = broadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const lin = fusedMatMulRef(toRank3(a, batch), toRank3(b, batch), tA, tB, bias, activation);
  const [, m, n] = lin.out.shape;
  return { out: { shape: [...batch, m, n], values: lin.out.values }, scale: lin.scale };
}
