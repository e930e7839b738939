// avgPoolGrad: each window spreads dy / (its cell count) over its cells; one thread per input
// element sums what the windows covering it give.
#include "../launch.cuh"
#include "../pool.cuh"

namespace tensile {

namespace {

struct AvgPoolGrad {
  const float* dy;
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
        int y0, y1, x0, x1;
        g.window(oy, ox, y0, y1, x0, x1);
        const int count = (y1 - y0) * (x1 - x0);
        sum += dy[((static_cast<std::int64_t>(b) * g.outH + oy) * g.outW + ox) * g.c + ch] / static_cast<float>(count);
      }
    dx[i] = sum;
  }
};

}  // namespace

// Buffers: dy, dx. Ints: PoolGeom.
void runAvgPoolGrad(Reader& r) {
  const float* dy = r.buffer<const float>();
  float* dx = r.buffer<float>();
  const PoolGeom g = PoolGeom::read(r);
  r.done();
  forEach(r.rt(), "avgPoolGrad", static_cast<std::int64_t>(g.n) * g.h * g.w * g.c, AvgPoolGrad{dy, dx, g});
}

}  // namespace tensile
