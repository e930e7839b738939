// Convolution geometry and the three implicit-GEMM loaders. x and dy are NHWC, the filter HWIO
// [fh, fw, inC, outC]. Each loader maps a GEMM operand element to its tensor element, returning 0
// for padding and for the holes a stride leaves in the input gradient.
#pragma once
#include "gemm.cuh"
#include "kernels.h"

namespace tensile {

struct ConvGeom {
  int n, h, w, inC, outH, outW, outC, fh, fw, sh, sw, dh, dw, padTop, padLeft;

  /** Reads the 15 ints every convolution kernel starts with, in this field order. */
  static ConvGeom read(Reader& r) {
    ConvGeom g;
    int* fields[] = {&g.n, &g.h, &g.w, &g.inC, &g.outH, &g.outW, &g.outC, &g.fh, &g.fw, &g.sh, &g.sw, &g.dh, &g.dw, &g.padTop, &g.padLeft};
    for (int* f : fields) *f = r.i();
    return g;
  }
};

/** Forward: rows are output pixels (n, oy, ox), k is a filter tap (ky, kx, c), columns are outC. */
struct Conv2dLoader {
  const float* x;
  const float* filter;
  ConvGeom g;
  TENSILE_HD float a(int, int row, int k) const {
    const int ox = row % g.outW;
    const int t = row / g.outW;
    const int oy = t % g.outH;
    const int b = t / g.outH;
    const int c = k % g.inC;
    const int tap = k / g.inC;
    const int kx = tap % g.fw;
    const int ky = tap / g.fw;
    const int iy = oy * g.sh - g.padTop + ky * g.dh;
    const int ix = ox * g.sw - g.padLeft + kx * g.dw;
    if (iy < 0 || iy >= g.h || ix < 0 || ix >= g.w) return 0.0f;
    return x[((static_cast<std::int64_t>(b) * g.h + iy) * g.w + ix) * g.inC + c];
  }
  TENSILE_HD float b(int, int k, int col) const { return filter[static_cast<std::int64_t>(k) * g.outC + col]; }
};

/** Input gradient: rows are input pixels (n, y, x), k is (ky, kx, co), columns are inC. A tap
 *  reaches output pixel oy = (y + padTop - ky*dh) / sh only where that division is exact. */
struct Conv2dBackpropInputLoader {
  const float* dy;
  const float* filter;
  ConvGeom g;
  TENSILE_HD float a(int, int row, int k) const {
    const int xx = row % g.w;
    const int t = row / g.w;
    const int yy = t % g.h;
    const int b = t / g.h;
    const int co = k % g.outC;
    const int tap = k / g.outC;
    const int kx = tap % g.fw;
    const int ky = tap / g.fw;
    const int ty = yy + g.padTop - ky * g.dh;
    const int tx = xx + g.padLeft - kx * g.dw;
    if (ty < 0 || tx < 0 || ty % g.sh != 0 || tx % g.sw != 0) return 0.0f;
    const int oy = ty / g.sh;
    const int ox = tx / g.sw;
    if (oy >= g.outH || ox >= g.outW) return 0.0f;
    return dy[((static_cast<std::int64_t>(b) * g.outH + oy) * g.outW + ox) * g.outC + co];
  }
  TENSILE_HD float b(int, int k, int ci) const {
    const int co = k % g.outC;
    const int tap = k / g.outC;
    return filter[(static_cast<std::int64_t>(tap) * g.inC + ci) * g.outC + co];
  }
};

/** Filter gradient: rows are filter taps (ky, kx, c), k runs over output pixels (n, oy, ox),
 *  columns are outC; the result is the HWIO filter's layout. */
struct Conv2dBackpropFilterLoader {
  const float* x;
  const float* dy;
  ConvGeom g;
  TENSILE_HD float a(int, int row, int k) const {
    const int c = row % g.inC;
    const int tap = row / g.inC;
    const int kx = tap % g.fw;
    const int ky = tap / g.fw;
    const int ox = k % g.outW;
    const int t = k / g.outW;
    const int oy = t % g.outH;
    const int b = t / g.outH;
    const int iy = oy * g.sh - g.padTop + ky * g.dh;
    const int ix = ox * g.sw - g.padLeft + kx * g.dw;
    if (iy < 0 || iy >= g.h || ix < 0 || ix >= g.w) return 0.0f;
    return x[((static_cast<std::int64_t>(b) * g.h + iy) * g.w + ix) * g.inC + c];
  }
  TENSILE_HD float b(int, int k, int col) const { return dy[static_cast<std::int64_t>(k) * g.outC + col]; }
};

}  // namespace tensile
