// concat, one launch per input: the input viewed as [outer, rowIn] lands in the output's rows of
// rowOut at column offset `offset`.
#include "../kernels.h"
#include "../launch.cuh"

namespace tensile {

namespace {

struct CopyInto {
  const std::uint32_t* x;
  std::uint32_t* y;
  int rowIn, rowOut, offset;
  TENSILE_HD void operator()(std::int64_t i) const {
    const std::int64_t o = i / rowIn;
    const int j = static_cast<int>(i % rowIn);
    y[o * rowOut + offset + j] = x[i];
  }
};

}  // namespace

// Buffers: x, y. Ints: outer, rowIn, rowOut, offset.
void runConcat(Reader& r) {
  const auto* x = r.buffer<const std::uint32_t>();
  auto* y = r.buffer<std::uint32_t>();
  const int outer = r.i(), rowIn = r.i(), rowOut = r.i(), offset = r.i();
  r.done();
  forEach(r.rt(), "concat", static_cast<std::int64_t>(outer) * rowIn, CopyInto{x, y, rowIn, rowOut, offset});
}

}  // namespace tensile
