import type { Conv2dAttrs } from '@tensile/core';
import type { WebGpuBackend } from '../../backend.js';
import { MAX_GROUPS } from '../../shaders/common.js';
import { convInputRowsFits, convInputRowsGroups, convInputRowsProgram, type ConvInputRowsShape } from '../../shaders/conv-input-rows.js';
import type { ConvGeometry } from './conv.js';
import { permuteInto } from './layout.js';

/** The row-wise input gradient's shape, or null where it does not apply: a profile without
 *  `directConv`, strides or dilations, rows too wide or a body too long for the kernel, more
 *  workgroups along a dimension than a dispatch takes. */
export function convInputRowsShape(backend: WebGpuBackend, g: ConvGeometry, attrs: Conv2dAttrs): ConvInputRowsShape | null {
  if (!backend.profile.directConv) return null;
  if (attrs.strides[0] !== 1 || attrs.strides[1] !== 1 || attrs.dilations[0] !== 1 || attrs.dilations[1] !== 1) return null;
  const s: ConvInputRowsShape = { w: g.w, ci: g.ci, ow: g.ow, co: g.co, fw: g.fw, pl: attrs.pad.left };
  const [groupsX, groupsY] = convInputRowsGroups(g.n * g.h, g.ci);
  if (!convInputRowsFits(s) || groupsX > MAX_GROUPS || groupsY > MAX_GROUPS) return null;
  return s;
}

/** Records dx = conv2dBackpropInput(dy, filter) into `y` with the row-wise kernel. */
export function runConvInputRows(
  backend: WebGpuBackend,
  s: ConvInputRowsShape,
  g: ConvGeometry,
  attrs: Conv2dAttrs,
  dy: GPUBuffer,
  filter: GPUBuffer,
  y: GPUBuffer,
): void {
  const lanes = g.n * g.h;
  if (lanes === 0 || g.ci === 0 || g.w === 0) return;
  // The kernel reads the filter as [taps, co, ci]: dx's channels contiguous.
  const taps = g.fh * g.fw;
  const ft = backend.temp(taps * g.ci * g.co);
  permuteInto(backend, filter, [taps, g.ci, g.co], [0, 2, 1], ft);
  backend.run(convInputRowsProgram(s), [y, dy, ft], [g.n, g.h, g.oh, g.fh, attrs.pad.top, lanes], convInputRowsGroups(lanes, g.ci));
  backend.releaseTemp(ft);
}
