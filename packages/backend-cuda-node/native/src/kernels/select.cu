// select (where): condition, a and b broadcast together; every dtype is 4 bytes here, so values
// move as bits.
#include "../kernels.h"
#include "../launch.cuh"

namespace tensile {

namespace {

struct Select {
  const std::int32_t* condition;
  const std::uint32_t* a;
  const std::uint32_t* b;
  std::uint32_t* y;
  Strided<3> s;
  TENSILE_HD void operator()(std::int64_t i) const {
    int at[3];
    s.offsets(i, at);
    y[i] = condition[at[0]] != 0 ? a[at[1]] : b[at[2]];
  }
};

}  // namespace

// Buffers: condition, a, b, y. Ints: Strided<3>.
void runSelect(Reader& r) {
  const auto* condition = r.buffer<const std::int32_t>();
  const auto* a = r.buffer<const std::uint32_t>();
  const auto* b = r.buffer<const std::uint32_t>();
  auto* y = r.buffer<std::uint32_t>();
  const Strided<3> s = Strided<3>::read(r);
  r.done();
  std::int64_t n = 1;
  for (int d = 0; d < s.rank; ++d) n *= s.dims[d];
  forEach(r.rt(), "select", n, Select{condition, a, b, y, s});
}

}  // namespace tensile
