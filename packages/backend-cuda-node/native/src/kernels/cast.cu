// cast between float32, int32 and bool (stored as int32 0/1): float -> int32 truncates and wraps
// as JavaScript's ToInt32; anything -> bool is `!= 0` (NaN is true, as in core's reference).
#include "../kernels.h"
#include "../launch.cuh"
#include "../math.cuh"

namespace tensile {

namespace {

enum Kind { kFloat = 0, kInt = 1, kBool = 2 };

struct Cast {
  const void* x;
  void* y;
  int from, to;
  TENSILE_HD void operator()(std::int64_t i) const {
    if (from == kFloat) {
      const float v = static_cast<const float*>(x)[i];
      if (to == kFloat) static_cast<float*>(y)[i] = v;
      else if (to == kInt) static_cast<std::int32_t*>(y)[i] = toInt32(v);
      else static_cast<std::int32_t*>(y)[i] = v != 0 || isnan(v) ? 1 : 0;
      return;
    }
    const std::int32_t v = static_cast<const std::int32_t*>(x)[i];
    if (to == kFloat) static_cast<float*>(y)[i] = static_cast<float>(v);
    else if (to == kInt) static_cast<std::int32_t*>(y)[i] = v;
    else static_cast<std::int32_t*>(y)[i] = v != 0 ? 1 : 0;
  }
};

}  // namespace

// Buffers: x, y. Ints: n, from, to (0 float32, 1 int32, 2 bool).
void runCast(Reader& r) {
  const void* x = r.buffer<const void>();
  void* y = r.buffer<void>();
  const int n = r.i(), from = r.i(), to = r.i();
  r.done();
  forEach(r.rt(), "cast", n, Cast{x, y, from, to});
}

}  // namespace tensile
