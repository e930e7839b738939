import type { KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { runGemm } from './util/gemm.js';
import { conv2dBackpropInputShader, convGeometry, convUniforms, isDenseConv } from './util/conv.js';
import { directConvCall, runDirectConv } from './util/conv-direct.js';
import { convInputRowsShape, runConvInputRows } from './util/conv-input-rows.js';
import { permuteInto } from './util/layout.js';
import { matMulBuffers } from './util/matmul.js';

export const conv2dBackpropInput: KernelFn<'conv2dBackpropInput', WebGpuBackend> = (backend, { dy, filter }, attrs, out) => {
  const g = convGeometry(attrs.inputShape, filter.shape, dy.shape, attrs);
  const y = backend.output(out);
  const K = g.fh * g.fw * g.ci;
  if (isDenseConv(g, attrs)) {
    // dx [n, K] = dy [n, co] x filter [K, co]^T
    matMulBuffers(backend, backend.buffer(dy), backend.buffer(filter), { M: g.n, N: K, K: g.co }, false, true, y.buffer);
    return y.dataId;
  }
  const rows = convInputRowsShape(backend, g, attrs);
  const direct = rows === null ? directConvCall(backend, g, attrs, -1) : null;
  if (rows !== null || direct !== null) {
    // Both unrolled kernels read the filter as [taps, co, ci]: dx's channels contiguous.
    const taps = g.fh * g.fw;
    const ft = backend.temp(taps * g.ci * g.co);
    permuteInto(backend, backend.buffer(filter), [taps, g.ci, g.co], [0, 2, 1], ft);
    if (rows !== null) runConvInputRows(backend, rows, g, attrs, backend.buffer(dy), ft, y.buffer);
    else if (direct !== null) runDirectConv(backend, direct, backend.buffer(dy), ft, y.buffer);
    backend.releaseTemp(ft);
    return y.dataId;
  }
  runGemm(
    backend,
    conv2dBackpropInputShader(attrs.strides[0] === 1 && attrs.strides[1] === 1),
    { M: g.n * g.h * g.w, N: g.ci, K: g.fh * g.fw * g.co, batch: 1 },
    y.buffer,
    [backend.buffer(dy), backend.buffer(filter)],
    convUniforms(g, attrs),
  );
  return y.dataId;
};
