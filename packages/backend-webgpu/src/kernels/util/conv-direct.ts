import { FUSED_ACTIVATION_CODES, type Conv2dAttrs } from '@tensile/core';
import type { WebGpuBackend } from '../../backend.js';
import { MAX_GROUPS } from '../../shaders/common.js';
import {
  CONV_DIRECT_WG,
  convDirectCob,
  convDirectGroups,
  convDirectProgram,
  convDirectRm,
  convDirectSize,
  MAX_BODY,
} from '../../shaders/conv-direct.js';
import type { Epilogue } from './gemm.js';
import { unitSteps, type ConvGeometry } from './conv.js';

export interface DirectConvCall {
  readonly sign: 1 | -1;
  /** Source [n, srcH, srcW, cin] and output [n, oh, ow, cout] sizes. */
  readonly n: number;
  readonly srcH: number;
  readonly srcW: number;
  readonly cin: number;
  readonly oh: number;
  readonly ow: number;
  readonly cout: number;
  readonly fh: number;
  readonly fw: number;
  readonly offY: number;
  readonly offX: number;
}

/** The direct kernel's call for conv2d (sign +1) or conv2dBackpropInput (sign -1), or null
 *  where it does not apply: a profile without `directConv`, strides or dilations, filter rows
 *  too wide for one loop body, a backprop whose dx has 4 channels or more. */
export function directConvCall(backend: WebGpuBackend, g: ConvGeometry, attrs: Conv2dAttrs, sign: 1 | -1): DirectConvCall | null {
  if (!backend.profile.directConv) return null;
  // conv2dBackpropInput, where the row-wise kernel (conv-input-rows.ts) does not take it: the
  // GEMM was faster wherever dx has 4 channels or more (LeNet's second convolution, 3x3
  // convolutions of 8 to 32 channels); the direct kernel only where a GEMM of so few columns
  // leaves most of its lanes idle.
  if (sign === -1 && g.ci >= 4) return null;
  if (!unitSteps(attrs)) return null;
  const call: DirectConvCall =
    sign === 1
      ? {
          sign,
          n: g.n,
          srcH: g.h,
          srcW: g.w,
          cin: g.ci,
          oh: g.oh,
          ow: g.ow,
          cout: g.co,
          fh: g.fh,
          fw: g.fw,
          offY: -attrs.pad.top,
          offX: -attrs.pad.left,
        }
      : {
          sign,
          n: g.n,
          srcH: g.oh,
          srcW: g.ow,
          cin: g.co,
          oh: g.h,
          ow: g.w,
          cout: g.ci,
          fh: g.fh,
          fw: g.fw,
          offY: attrs.pad.top,
          offX: attrs.pad.left,
        };
  const rm = convDirectRm(call.ow);
  const cob = convDirectCob(call.cout, rm);
  const lanes = call.n * call.oh * Math.ceil(call.ow / rm);
  const size = convDirectSize({ fw: call.fw, cin: call.cin, cout: call.cout, rm, cob });
  if (size > MAX_BODY || Math.ceil(lanes / CONV_DIRECT_WG) > MAX_GROUPS) return null;
  return call;
}

/** Records the direct convolution into `y`; `filter` is [fh, fw, cin, cout] as the kernel reads it. */
export function runDirectConv(
  backend: WebGpuBackend,
  c: DirectConvCall,
  src: GPUBuffer,
  filter: GPUBuffer,
  y: GPUBuffer,
  epilogue?: Epilogue,
): void {
  const rm = convDirectRm(c.ow);
  const cob = convDirectCob(c.cout, rm);
  const xBlocks = Math.ceil(c.ow / rm);
  const lanes = c.n * c.oh * xBlocks;
  if (lanes === 0 || c.cout === 0) return;
  const fusable = epilogue !== undefined;
  const program = convDirectProgram({ sign: c.sign, fh: c.fh, fw: c.fw, cin: c.cin, cout: c.cout, rm, cob, fusable });
  const buffers = [y, src, filter];
  if (fusable) buffers.push(epilogue.bias ?? backend.placeholder());
  const act = FUSED_ACTIVATION_CODES[fusable ? epilogue.activation : 'linear'];
  const hasBias = epilogue?.bias !== undefined ? 1 : 0;
  backend.run(
    program,
    buffers,
    [act, hasBias, c.srcH, c.srcW, c.oh, c.ow, xBlocks, lanes, c.offY, c.offX],
    convDirectGroups(lanes, c.cout, cob),
  );
}
