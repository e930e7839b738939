// randomNormal: Box-Muller over counters 2i and 2i+1, in double as core's reference.
#include "../kernels.h"
#include "../launch.cuh"
#include "../math.cuh"

namespace tensile {

namespace {

struct Normal {
  float* y;
  std::uint32_t seed;
  double mean, stddev;
  TENSILE_HD void operator()(std::int64_t i) const {
    y[i] = static_cast<float>(mean + stddev * normalAt(seed, static_cast<std::uint32_t>(i)));
  }
};

}  // namespace

// Buffers: y. Ints: n, seed. Floats: mean, stddev.
void runRandomNormal(Reader& r) {
  float* y = r.buffer<float>();
  const int n = r.i();
  const auto seed = static_cast<std::uint32_t>(r.i());
  const double mean = r.f(), stddev = r.f();
  r.done();
  forEach(r.rt(), "randomNormal", n, Normal{y, seed, mean, stddev});
}

}  // namespace tensile
