import type { Conv2dAttrs, Shape, TensorInfo } from '@tensile/core';
import type { WebGpuBackend } from '../../backend.js';
import { runGemm, type Epilogue } from './gemm.js';
import { conv2dShader, convGeometry, convUniforms, isDenseConv } from './conv.js';
import { matMulBuffers } from './matmul.js';

/** conv2d and fusedConv2d: an implicit GEMM, or a plain matmul when the filter covers the input. */
export function runConv2d(
  backend: WebGpuBackend, x: TensorInfo, filter: TensorInfo, attrs: Conv2dAttrs, outShape: Shape, y: GPUBuffer, epilogue?: Epilogue,
): void {
  const g = convGeometry(x.shape, filter.shape, outShape);
  const K = g.fh * g.fw * g.ci;
  if (isDenseConv(g, attrs)) {
    matMulBuffers(backend, backend.buffer(x), backend.buffer(filter), { M: g.n, N: g.co, K }, false, false, y, epilogue);
    return;
  }
  runGemm(backend, conv2dShader(), { M: g.n * g.oh * g.ow, N: g.co, K, batch: 1 },
    y, [backend.buffer(x), backend.buffer(filter)], convUniforms(g, attrs), epilogue);
}
