import { FUSED_ACTIVATION_CODES, type Conv2dAttrs, type DType, type FusedActivation, type Pool2dAttrs, type Shape } from '@tensile/core';

/** The dtype codes cast.cu reads. */
export function dtypeCode(dtype: DType): number {
  return dtype === 'float32' ? 0 : dtype === 'int32' ? 1 : 2;
}

/** 1 where values are stored as int32 words (int32 and bool). */
export function isIntStored(dtype: DType): number {
  return dtype === 'float32' ? 0 : 1;
}

const bitsView = new DataView(new ArrayBuffer(4));

/** The 32-bit word `value` is stored as in a tensor of `dtype`. */
export function wordOf(value: number, dtype: DType): number {
  if (dtype === 'float32') {
    bitsView.setFloat32(0, value);
    return bitsView.getInt32(0);
  }
  if (dtype === 'bool') return value !== 0 ? 1 : 0;
  return value | 0;
}

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function activationCode(activation: FusedActivation): number {
  return FUSED_ACTIVATION_CODES[activation];
}

/** The 15 ints conv.cuh's ConvGeom reads. */
export function convInts(xShape: Shape, filterShape: Shape, yShape: Shape, attrs: Conv2dAttrs): number[] {
  const [n, h, w, inC] = xShape;
  const [fh, fw, , outC] = filterShape;
  const [, outH, outW] = yShape;
  return [
    n,
    h,
    w,
    inC,
    outH,
    outW,
    outC,
    fh,
    fw,
    attrs.strides[0],
    attrs.strides[1],
    attrs.dilations[0],
    attrs.dilations[1],
    attrs.pad.top,
    attrs.pad.left,
  ];
}

/** The 12 ints pool.cuh's PoolGeom reads. */
export function poolInts(xShape: Shape, yShape: Shape, attrs: Pool2dAttrs): number[] {
  const [n, h, w, c] = xShape;
  const [, outH, outW] = yShape;
  return [
    n,
    h,
    w,
    c,
    outH,
    outW,
    attrs.filterSize[0],
    attrs.filterSize[1],
    attrs.strides[0],
    attrs.strides[1],
    attrs.pad.top,
    attrs.pad.left,
  ];
}
