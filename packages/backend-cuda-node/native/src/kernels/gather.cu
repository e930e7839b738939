// gather: x viewed as [outer, axisLen, inner], indices flat; out [outer, count, inner]. The
// TypeScript side checks the indices' range before the launch (core's contract: out-of-range
// indices throw); an index that still falls outside gives 0 rather than a wild read.
#include "../kernels.h"
#include "../launch.cuh"

namespace tensile {

namespace {

struct Gather {
  const std::uint32_t* x;
  const std::int32_t* indices;
  std::uint32_t* y;
  int axisLen, inner, count;
  TENSILE_HD void operator()(std::int64_t i) const {
    const int in = static_cast<int>(i % inner);
    const std::int64_t t = i / inner;
    const int j = static_cast<int>(t % count);
    const std::int64_t o = t / count;
    const int idx = indices[j];
    y[i] = idx >= 0 && idx < axisLen ? x[(o * axisLen + idx) * inner + in] : 0u;
  }
};

}  // namespace

// Buffers: x, indices, y. Ints: outer, axisLen, inner, count.
void runGather(Reader& r) {
  const auto* x = r.buffer<const std::uint32_t>();
  const auto* indices = r.buffer<const std::int32_t>();
  auto* y = r.buffer<std::uint32_t>();
  const int outer = r.i(), axisLen = r.i(), inner = r.i(), count = r.i();
  r.done();
  forEach(r.rt(), "gather", static_cast<std::int64_t>(outer) * count * inner, Gather{x, indices, y, axisLen, inner, count});
}

}  // namespace tensile
