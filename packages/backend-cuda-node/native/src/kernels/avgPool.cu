// avgPool: the mean over the window's cells inside the input; an empty window gives 0.
#include "../launch.cuh"
#include "../pool.cuh"

namespace tensile {

namespace {

struct AvgPool {
  const float* x;
  float* y;
  PoolGeom g;
  TENSILE_HD void operator()(std::int64_t i) const {
    const int ch = static_cast<int>(i % g.c);
    std::int64_t t = i / g.c;
    const int ox = static_cast<int>(t % g.outW);
    t /= g.outW;
    const int oy = static_cast<int>(t % g.outH);
    const int b = static_cast<int>(t / g.outH);
    int y0, y1, x0, x1;
    g.window(oy, ox, y0, y1, x0, x1);
    float sum = 0.0f;
    for (int yy = y0; yy < y1; ++yy)
      for (int xx = x0; xx < x1; ++xx) sum += x[((static_cast<std::int64_t>(b) * g.h + yy) * g.w + xx) * g.c + ch];
    const int count = (y1 - y0) * (x1 - x0);
    y[i] = count > 0 ? sum / static_cast<float>(count) : 0.0f;
  }
};

}  // namespace

// Buffers: x, y. Ints: PoolGeom.
void runAvgPool(Reader& r) {
  const float* x = r.buffer<const float>();
  float* y = r.buffer<float>();
  const PoolGeom g = PoolGeom::read(r);
  r.done();
  forEach(r.rt(), "avgPool", static_cast<std::int64_t>(g.n) * g.outH * g.outW * g.c, AvgPool{x, y, g});
}

}  // namespace tensile
