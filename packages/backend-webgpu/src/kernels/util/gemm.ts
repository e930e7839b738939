import { FUSED_ACTIVATION_CODES, type FusedActivation } from '@tensile/core';
import type { WebGpuBackend } from '../../backend.js';
import { linearGroups } from '../../shaders/common.js';
import { chooseDirect, directGemmProgram, directRows } from '../../shaders/gemm-direct.js';
import { chooseTiles, gemmProgram, sumSlabsProgram, TILE_K, tileM, tileN, type GemmShader } from '../../shaders/gemm.js';

export interface GemmDims {
  readonly M: number;
  readonly N: number;
  readonly K: number;
  /** Independent products along wid.z (matMul batches); 1 for convolutions. */
  readonly batch: number;
}

/** The fused epilogue of a `fusable` shader: bias (per column) and activation. */
export interface Epilogue {
  readonly activation: FusedActivation;
  readonly bias?: GPUBuffer;
}

/** Enough workgroups to fill a real GPU; below this, a long K is split across workgroups. */
const TARGET_WORKGROUPS = 128;
const MIN_SPLIT_K = 256;
/** The same for a CPU rasterizer: a few workgroups per core, so that the cores finish together. */
const TARGET_CPU_WORKGROUPS = 16;

/**
 * Runs a GEMM into `y`. When the output has few tiles but K is long (a convolution's filter
 * gradient sums over batch x pixels), K is split so that many workgroups share the work and a
 * second pass adds their slabs; only a GEMM without bias or activation may split, since those
 * apply to the full sum.
 */
export function runGemm(
  backend: WebGpuBackend,
  shader: GemmShader,
  dims: GemmDims,
  y: GPUBuffer,
  inputs: readonly GPUBuffer[],
  uniforms: readonly number[],
  epilogue: Epilogue = { activation: 'linear' },
): void {
  const { M, N, K, batch } = dims;
  if (M * N * batch === 0) return;
  const fused = epilogue.bias !== undefined || epilogue.activation !== 'linear';
  // The barrier-free kernel (see shaders/gemm-direct.ts) is for CPU rasterizers; it wants fewer,
  // fatter workgroups than a GPU: a CPU runs one per core at a time.
  const profile = backend.profile;
  const direct = profile.gemm === 'direct';
  const config = chooseTiles(M, N);
  const directConfig = chooseDirect(M, N, profile.directRows);
  const [TM, TN] = direct ? [directRows(directConfig), directConfig.rn] : [tileM(config), tileN(config)];
  const tiles = Math.ceil(M / TM) * Math.ceil(N / TN);
  const target = direct ? TARGET_CPU_WORKGROUPS : TARGET_WORKGROUPS;
  let splits = 1;
  if (!fused && shader.type === 'f32' && batch === 1 && tiles < target && K >= 2 * MIN_SPLIT_K) {
    splits = Math.min(Math.ceil(target / tiles), Math.floor(K / MIN_SPLIT_K));
  }
  const step = direct ? 1 : TILE_K;
  const kChunk = splits > 1 ? Math.ceil(Math.ceil(K / splits) / step) * step : Math.max(K, 1);
  splits = Math.ceil(K / kChunk) || 1;
  const program = direct ? directGemmProgram(shader, directConfig) : gemmProgram(shader, config);
  const groups: [number, number, number] = direct
    ? [Math.ceil(M / TM), Math.ceil(N / TN), batch * splits]
    : [Math.ceil(N / TN), Math.ceil(M / TM), batch * splits];
  const values = [M, N, K, kChunk, splits];
  const buffers = [...inputs];
  if (shader.fusable === true) {
    values.push(FUSED_ACTIVATION_CODES[epilogue.activation], epilogue.bias !== undefined ? 1 : 0);
    // Without a bias the binding still needs a buffer; the shader does not read it.
    buffers.push(epilogue.bias ?? backend.placeholder());
  }
  values.push(...uniforms);
  if (splits === 1) {
    backend.run(program, [y, ...buffers], values, groups);
    return;
  }
  const slabs = backend.temp(splits * M * N);
  backend.run(program, [slabs, ...buffers], values, groups);
  backend.run(sumSlabsProgram(), [y, slabs], [M * N, splits], linearGroups(M * N));
  backend.releaseTemp(slabs);
}
