// randomUniform: element i is f(seed, i), bit for bit core's reference (double arithmetic, one
// rounding to float32 at the end); int32 draws floor(minval + u * range).
#include "../kernels.h"
#include "../launch.cuh"
#include "../math.cuh"

namespace tensile {

namespace {

struct Uniform {
  void* y;
  std::uint32_t seed;
  double minval, range;
  bool isInt;
  TENSILE_HD void operator()(std::int64_t i) const {
    const double v = minval + uniformAt(seed, static_cast<std::uint32_t>(i)) * range;
    if (isInt) static_cast<std::int32_t*>(y)[i] = static_cast<std::int32_t>(floor(v));
    else static_cast<float*>(y)[i] = static_cast<float>(v);
  }
};

}  // namespace

// Buffers: y. Ints: n, isInt, seed (its 32 bits). Floats: minval, maxval.
void runRandomUniform(Reader& r) {
  void* y = r.buffer<void>();
  const int n = r.i();
  const bool isInt = r.i() != 0;
  const auto seed = static_cast<std::uint32_t>(r.i());
  const double minval = r.f(), maxval = r.f();
  r.done();
  forEach(r.rt(), "randomUniform", n, Uniform{y, seed, minval, maxval - minval, isInt});
}

}  // namespace tensile
