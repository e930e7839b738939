import type { Conv2dAttrs, Shape, TensorInfo } from '@tensile/core';
import type { WebGpuBackend } from '../../backend.js';
import { runGemm, type Epilogue } from './gemm.js';
import { conv2dShader, convGeometry, convUniforms, isDenseConv } from './conv.js';
import { directConvCall, runDirectConv } from './conv-direct.js';
import { matMulBuffers } from './matmul.js';

/** conv2d and fusedConv2d: a plain matmul when the filter covers the input, else the direct
 *  kernel where the profile asks for it, else an implicit GEMM. */
export function runConv2d(
  backend: WebGpuBackend,
  x: TensorInfo,
  filter: TensorInfo,
  attrs: Conv2dAttrs,
  outShape: Shape,
  y: GPUBuffer,
  epilogue?: Epilogue,
): void {
  const g = convGeometry(x.shape, filter.shape, outShape, attrs);
  const K = g.fh * g.fw * g.ci;
  if (isDenseConv(g, attrs)) {
    matMulBuffers(backend, backend.buffer(x), backend.buffer(filter), { M: g.n, N: g.co, K }, false, false, y, epilogue);
    return;
  }
  const direct = directConvCall(backend, g, attrs, 1);
  if (direct !== null) {
    runDirectConv(backend, direct, backend.buffer(x), backend.buffer(filter), y, epilogue ?? { activation: 'linear' });
    return;
  }
  runGemm(
    backend,
    conv2dShader(),
    { M: g.n * g.oh * g.ow, N: g.co, K, batch: 1 },
    y,
    [backend.buffer(x), backend.buffer(filter)],
    convUniforms(g, attrs),
    epilogue,
  );
}
