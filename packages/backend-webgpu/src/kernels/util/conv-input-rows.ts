import type { Conv2dAttrs } from '@tensile/core';
import type { WebGpuBackend } from '../../backend.js';
import { MAX_GROUPS } from '../../shaders/common.js';
import { convInputRowsFits, convInputRowsGroups, convInputRowsProgram, type ConvInputRowsShape } from '../../shaders/conv-input-rows.js';
import { unitSteps, type ConvGeometry } from './conv.js';

/** The row-wise input gradient's shape, or null where it does not apply: a profile without
 *  `directConv`, strides or dilations, rows too wide or a body too long for the kernel, more
 *  workgroups along a dimension than a dispatch takes. */
export function convInputRowsShape(backend: WebGpuBackend, g: ConvGeometry, attrs: Conv2dAttrs): ConvInputRowsShape | null {
  if (!backend.profile.directConv) return null;
  if (!unitSteps(attrs)) return null;
  const s: ConvInputRowsShape = { w: g.w, ci: g.ci, ow: g.ow, co: g.co, fw: g.fw, pl: attrs.pad.left };
  const [groupsX, groupsY] = convInputRowsGroups(g.n * g.h, g.ci);
  if (!convInputRowsFits(s) || groupsX > MAX_GROUPS || groupsY > MAX_GROUPS) return null;
  return s;
}

/** Records dx = conv2dBackpropInput(dy, filter) into `y` with the row-wise kernel; `ft` is the
 *  filter as [taps, co, ci] (dx's channels contiguous). */
export function runConvInputRows(
  backend: WebGpuBackend,
  s: ConvInputRowsShape,
  g: ConvGeometry,
  attrs: Conv2dAttrs,
  dy: GPUBuffer,
  ft: GPUBuffer,
  y: GPUBuffer,
): void {
  const lanes = g.n * g.h;
  if (lanes === 0 || g.ci === 0 || g.w === 0) return;
  backend.run(convInputRowsProgram(s), [y, dy, ft], [g.n, g.h, g.oh, g.fh, attrs.pad.top, lanes], convInputRowsGroups(lanes, g.ci));
}
