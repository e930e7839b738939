/**
 * The numbers a backend's convolution kernels index by, read once from the shapes and the
 * resolved attributes: x is NHWC [n, h, w, ci], the filter HWIO [fh, fw, ci, co], the output
 * (y for conv2d, dy for the backprop kernels) [n, oh, ow, co]. One definition for every backend.
 */
import type { Conv2dAttrs } from '../kernels/signatures.js';
import type { Shape } from '../shape.js';

export interface ConvGeometry {
  readonly n: number;
  readonly h: number;
  readonly w: number;
  readonly ci: number;
  readonly fh: number;
  readonly fw: number;
  readonly co: number;
  readonly oh: number;
  readonly ow: number;
  /** Strides, dilations and the top/left padding, unpacked from `attrs` for inner loops. */
  readonly sh: number;
  readonly sw: number;
  readonly dh: number;
  readonly dw: number;
  readonly pt: number;
  readonly pl: number;
  readonly attrs: Conv2dAttrs;
  /** Patch length fh * fw * ci. */
  readonly kk: number;
  /** Output pixels n * oh * ow. */
  readonly pixels: number;
}

export function convGeometry(xShape: Shape, filterShape: Shape, yShape: Shape, attrs: Conv2dAttrs): ConvGeometry {
  // Indexed rather than destructured: kernels call this at every replay, and destructuring a
  // frozen shape went through the iterator protocol.
  const n = xShape[0],
    h = xShape[1],
    w = xShape[2],
    ci = xShape[3];
  const fh = filterShape[0],
    fw = filterShape[1],
    co = filterShape[3];
  const oh = yShape[1],
    ow = yShape[2];
  return {
    n,
    h,
    w,
    ci,
    fh,
    fw,
    co,
    oh,
    ow,
    sh: attrs.strides[0],
    sw: attrs.strides[1],
    dh: attrs.dilations[0],
    dw: attrs.dilations[1],
    pt: attrs.pad.top,
    pl: attrs.pad.left,
    attrs,
    kk: fh * fw * ci,
    pixels: n * oh * ow,
  };
}
