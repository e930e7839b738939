// maxPool: the window's maximum; an empty window (all padding) gives -Infinity, as core's reference.
#include "../launch.cuh"
#include "../pool.cuh"

namespace tensile {

namespace {

struct MaxPool {
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
    float m = -INFINITY;
    for (int yy = y0; yy < y1; ++yy)
      for (int xx = x0; xx < x1; ++xx) {
        const float v = x[((static_cast<std::int64_t>(b) * g.h + yy) * g.w + xx) * g.c + ch];
        if (v > m) m = v;
      }
    y[i] = m;
  }
};

}  // namespace

// Buffers: x, y. Ints: PoolGeom.
void runMaxPool(Reader& r) {
  const float* x = r.buffer<const float>();
  float* y = r.buffer<float>();
  const PoolGeom g = PoolGeom::read(r);
  r.done();
  forEach(r.rt(), "maxPool", static_cast<std::int64_t>(g.n) * g.outH * g.outW * g.c, MaxPool{x, y, g});
}

}  // namespace tensile
