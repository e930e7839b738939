// oneHot: out-of-range indices give a row of offValue, as in TensorFlow.
#include "../kernels.h"
#include "../launch.cuh"

namespace tensile {

namespace {

struct OneHot {
  const std::int32_t* indices;
  void* y;
  int depth;
  bool isInt;
  float on, off;
  TENSILE_HD void operator()(std::int64_t i) const {
    const bool hot = indices[i / depth] == static_cast<std::int32_t>(i % depth);
    const float v = hot ? on : off;
    if (isInt) static_cast<std::int32_t*>(y)[i] = static_cast<std::int32_t>(v);
    else static_cast<float*>(y)[i] = v;
  }
};

}  // namespace

// Buffers: indices, y. Ints: count, depth, isInt. Floats: onValue, offValue.
void runOneHot(Reader& r) {
  const auto* indices = r.buffer<const std::int32_t>();
  void* y = r.buffer<void>();
  const int count = r.i(), depth = r.i();
  const bool isInt = r.i() != 0;
  const auto on = static_cast<float>(r.f()), off = static_cast<float>(r.f());
  r.done();
  forEach(r.rt(), "oneHot", static_cast<std::int64_t>(count) * depth, OneHot{indices, y, depth, isInt, on, off});
}

}  // namespace tensile
