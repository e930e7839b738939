// transpose, and slice (the same strided gather plus a base offset): the output's dimensions
// with the input stride each output dimension steps through.
#include "../kernels.h"
#include "../launch.cuh"

namespace tensile {

namespace {

struct StridedCopy {
  const std::uint32_t* x;
  std::uint32_t* y;
  Strided<1> s;
  int base;
  TENSILE_HD void operator()(std::int64_t i) const {
    int at[1];
    s.offsets(i, at);
    y[i] = x[base + at[0]];
  }
};

std::int64_t sizeOf(const Strided<1>& s) {
  std::int64_t n = 1;
  for (int d = 0; d < s.rank; ++d) n *= s.dims[d];
  return n;
}

}  // namespace

// Buffers: x, y. Ints: Strided<1> (output dims; the input's stride for each).
void runTranspose(Reader& r) {
  const auto* x = r.buffer<const std::uint32_t>();
  auto* y = r.buffer<std::uint32_t>();
  const Strided<1> s = Strided<1>::read(r);
  r.done();
  forEach(r.rt(), "transpose", sizeOf(s), StridedCopy{x, y, s, 0});
}

// Buffers: x, y. Ints: Strided<1> (output dims; the input's strides), then the offset of begin.
void runSlice(Reader& r) {
  const auto* x = r.buffer<const std::uint32_t>();
  auto* y = r.buffer<std::uint32_t>();
  const Strided<1> s = Strided<1>::read(r);
  const int base = r.i();
  r.done();
  forEach(r.rt(), "slice", sizeOf(s), StridedCopy{x, y, s, base});
}

}  // namespace tensile
