// fill: one 4-byte pattern (a float's or an int's bits, chosen by the caller) everywhere.
#include "../kernels.h"
#include "../launch.cuh"

namespace tensile {

namespace {

struct Fill {
  std::uint32_t* y;
  std::uint32_t bits;
  TENSILE_HD void operator()(std::int64_t i) const { y[i] = bits; }
};

}  // namespace

// Buffers: y. Ints: n, bits.
void runFill(Reader& r) {
  auto* y = r.buffer<std::uint32_t>();
  const int n = r.i();
  const auto bits = static_cast<std::uint32_t>(r.i());
  r.done();
  forEach(r.rt(), "fill", n, Fill{y, bits});
}

}  // namespace tensile
