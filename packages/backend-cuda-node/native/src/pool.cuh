// Pooling geometry (x NHWC) and the window arithmetic the four pooling kernels share. Padded
// positions never win a max and are not counted in an average. The gradients run one thread per
// input element and visit every window that covers it, so no two threads add into one place.
#pragma once
#include "kernels.h"

namespace tensile {

struct PoolGeom {
  int n, h, w, c, outH, outW, fh, fw, sh, sw, padTop, padLeft;

  /** Reads the 12 ints every pooling kernel takes, in this field order. */
  static PoolGeom read(Reader& r) {
    PoolGeom g;
    int* fields[] = {&g.n, &g.h, &g.w, &g.c, &g.outH, &g.outW, &g.fh, &g.fw, &g.sh, &g.sw, &g.padTop, &g.padLeft};
    for (int* f : fields) *f = r.i();
    return g;
  }

  /** The window of output pixel (oy, ox), clipped to the input: rows [y0, y1), columns [x0, x1). */
  TENSILE_HD void window(int oy, int ox, int& y0, int& y1, int& x0, int& x1) const {
    const int ys = oy * sh - padTop;
    const int xs = ox * sw - padLeft;
    y0 = ys < 0 ? 0 : ys;
    x0 = xs < 0 ? 0 : xs;
    y1 = ys + fh < h ? ys + fh : h;
    x1 = xs + fw < w ? xs + fw : w;
  }

  /** Output rows whose windows cover input row y: [lo, hi). */
  TENSILE_HD static void covering(int y, int pad, int f, int s, int out, int& lo, int& hi) {
    // oy*s - pad <= y  and  y < oy*s - pad + f
    const int a = y + pad - f + 1;
    lo = a <= 0 ? 0 : (a + s - 1) / s;
    hi = (y + pad) / s + 1;
    if (hi > out) hi = out;
  }

  /** Flat offset (without the channel) of the first maximum of window (b, oy, ox) on channel ch;
   *  -1 for an empty window. */
  TENSILE_HD std::int64_t argMaxOf(const float* x, int b, int oy, int ox, int ch) const {
    int y0, y1, x0, x1;
    window(oy, ox, y0, y1, x0, x1);
    std::int64_t best = -1;
    float bestValue = 0.0f;
    for (int yy = y0; yy < y1; ++yy) {
      for (int xx = x0; xx < x1; ++xx) {
        const std::int64_t at = (static_cast<std::int64_t>(b) * h + yy) * w + xx;
        const float v = x[at * c + ch];
        if (best < 0 || v > bestValue) {
          best = at;
          bestValue = v;
        }
      }
    }
    return best;
  }
};

}  // namespace tensile
