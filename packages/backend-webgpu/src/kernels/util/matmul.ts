import type { FusedActivation, TensorInfo } from '@tensile/core';
import type { WebGpuBackend } from '../../backend.js';
import { storageType, type ScalarType } from '../../shaders/common.js';
import type { GemmShader } from '../../shaders/gemm.js';
import { runGemm, type Epilogue } from './gemm.js';

function matMulShader(T: ScalarType): GemmShader {
  return {
    key: `matMul:${T}`,
    type: T,
    buffers: [
      { name: 'y', type: T, write: true },
      { name: 'a', type: T },
      { name: 'b', type: T },
    ],
    uniforms: [
      ['aBatch', 'u32'],
      ['aM', 'u32'],
      ['aK', 'u32'],
      ['bBatch', 'u32'],
      ['bK', 'u32'],
      ['bN', 'u32'],
    ],
    aRow: '  return vec4<i32>(i32(batch * u.aBatch + m * u.aM), 0, 0, 0);',
    aCol: '  return vec4<i32>(i32(k * u.aK), 0, 0, 0);',
    aLoad: '  return a[u32(r.x + c.x)];',
    bRow: '  return vec4<i32>(i32(k * u.bK), 0, 0, 0);',
    bCol: '  return vec4<i32>(i32(batch * u.bBatch + n * u.bN), 0, 0, 0);',
    bLoad: '  return b[u32(r.x + c.x)];',
    fusable: T === 'f32',
  };
}

/** One float32 matmul of whole buffers, `a` [M, K] (or [K, M] transposed) times `b` [K, N] (or
 *  [N, K]) into `y` [M, N]: for convolutions that are matmuls in disguise. */
export function matMulBuffers(
  backend: WebGpuBackend,
  a: GPUBuffer,
  b: GPUBuffer,
  dims: { M: number; N: number; K: number },
  transposeA: boolean,
  transposeB: boolean,
  y: GPUBuffer,
  epilogue?: Epilogue,
): void {
  const { M, N, K } = dims;
  runGemm(
    backend,
    matMulShader('f32'),
    { M, N, K, batch: 1 },
    y,
    [a, b],
    [0, transposeA ? 1 : K, transposeA ? M : 1, 0, transposeB ? 1 : N, transposeB ? K : 1],
    epilogue,
  );
}

/**
 * Batched matmul of rank-3 operands (a batch of 1 broadcasts) into `y`, with an optional bias
 * and activation applied in the GEMM's epilogue. Transposes are strides in uniforms, so all four
 * combinations share one pipeline (per dtype and tile shape), and so do the fused variants.
 */
export function batchMatMul(
  backend: WebGpuBackend,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  y: GPUBuffer,
  outShape: readonly number[],
  bias?: TensorInfo,
  activation: FusedActivation = 'linear',
): void {
  const [batch, M, N] = outShape;
  const K = transposeA ? a.shape[1] : a.shape[2];
  runGemm(
    backend,
    matMulShader(storageType(a.dtype)),
    { M, N, K, batch },
    y,
    [backend.buffer(a), backend.buffer(b)],
    [
      a.shape[0] === 1 ? 0 : M * K,
      transposeA ? 1 : K,
      transposeA ? M : 1,
      b.shape[0] === 1 ? 0 : K * N,
      transposeB ? 1 : N,
      transposeB ? K : 1,
    ],
    { activation, ...(bias !== undefined ? { bias: backend.buffer(bias) } : {}) },
  );
}
