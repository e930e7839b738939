// binary: arithmetic on float32 or int32, comparisons and logical ops (bool out), broadcasting
// through per-operand strides that are 0 on broadcast dimensions.
#include <type_traits>

#include "../kernels.h"
#include "../launch.cuh"
#include "../math.cuh"

namespace tensile {

namespace {

template <class T>
struct BinaryOp {
  const T* a;
  const T* b;
  void* y;
  int op;
  Strided<2> s;
  TENSILE_HD void operator()(std::int64_t i) const {
    int at[2];
    s.offsets(i, at);
    const T av = a[at[0]];
    const T bv = b[at[1]];
    if (isComparison(op)) {
      static_cast<std::int32_t*>(y)[i] = compare<T>(op, av, bv);
    } else if constexpr (std::is_floating_point_v<T>) {
      static_cast<float*>(y)[i] = binaryFloat(op, av, bv);
    } else {
      static_cast<std::int32_t*>(y)[i] = binaryInt(op, av, bv);
    }
  }
};

}  // namespace

// Buffers: a, b, y. Ints: op, isInt, then Strided<2> (output dims; a's and b's strides).
void runBinary(Reader& r) {
  const void* a = r.buffer<const void>();
  const void* b = r.buffer<const void>();
  void* y = r.buffer<void>();
  const int op = r.i(), isInt = r.i();
  const Strided<2> s = Strided<2>::read(r);
  r.done();
  std::int64_t n = 1;
  for (int d = 0; d < s.rank; ++d) n *= s.dims[d];
  if (isInt != 0) {
    forEach(r.rt(), "binary", n, BinaryOp<std::int32_t>{static_cast<const std::int32_t*>(a), static_cast<const std::int32_t*>(b), y, op, s});
  } else {
    forEach(r.rt(), "binary", n, BinaryOp<float>{static_cast<const float*>(a), static_cast<const float*>(b), y, op, s});
  }
}

}  // namespace tensile
