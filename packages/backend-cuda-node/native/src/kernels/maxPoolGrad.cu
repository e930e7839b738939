// maxPoolGrad: each dy goes to the first maximum of its window (row-major, strict >). One thread
// per input element sums the dy of the windows whose first maximum it is, in window order.
#include "../launch.cuh"
#include "../pool.cuh"

namespace tensile {

namespace {

struct MaxPoolGrad {
  const float* dy;
  const float* x;
  float* dx;
  PoolGeom g;
  TENSILE_HD void operator()(std::int64_t i) const {
    const int ch = static_cast<int>(i % g.c);
    const std::int64_t cell = i / g.c;
    const int xx = static_cast<int>(cell % g.w);
    std::int64_t t = cell / g.w;
    const int yy = static_cast<int>(t % g.h);
    const int b = static_cast<int>(t / g.h);
    int oy0, oy1, ox0, ox1;
    PoolGeom::covering(yy, g.padTop, g.fh, g.sh, g.outH, oy0, oy1);
    PoolGeom::covering(xx, g.padLeft, g.fw, g.sw, g.outW, ox0, ox1);
    float sum = 0.0f;
    for (int oy = oy0; oy < oy1; ++oy)
      for (int ox = ox0; ox < ox1; ++ox) {
        if (g.argMaxOf(x, b, oy, ox, ch) == cell) sum += dy[((static_cast<std::int64_t>(b) * g.outH + oy) * g.outW + ox) * g.c + ch];
      }
    dx[i] = sum;
  }
};

}  // namespace

// Buffers: dy, x, dx. Ints: PoolGeom.
void runMaxPoolGrad(Reader& r) {
  const float* dy = r.buffer<const float>();
  const float* x = r.buffer<const float>();
  float* dx = r.buffer<float>();
  const PoolGeom g = PoolGeom::read(r);
  r.done();
  forEach(r.rt(), "maxPoolGrad", static_cast<std::int64_t>(g.n) * g.h * g.w * g.c, MaxPoolGrad{dy, x, dx, g});
}

}  // namespace tensile
