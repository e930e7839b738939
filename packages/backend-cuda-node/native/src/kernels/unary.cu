// unary: every UNARY_OPS op on float32, the int32 subset, and logicalNot on bool (int32 storage).
#include "../kernels.h"
#include "../launch.cuh"
#include "../math.cuh"

namespace tensile {

namespace {

struct UnaryFloat {
  const float* x;
  float* y;
  int op;
  float alpha;
  TENSILE_HD void operator()(std::int64_t i) const { y[i] = unaryFloat(op, x[i], alpha); }
};

struct UnaryInt {
  const std::int32_t* x;
  std::int32_t* y;
  int op;
  TENSILE_HD void operator()(std::int64_t i) const { y[i] = unaryInt(op, x[i]); }
};

}  // namespace

// Buffers: x, y. Ints: n, op, isInt (int32 or bool storage). Floats: alpha.
void runUnary(Reader& r) {
  const void* x = r.buffer<const void>();
  void* y = r.buffer<void>();
  const int n = r.i(), op = r.i(), isInt = r.i();
  const float alpha = static_cast<float>(r.f());
  r.done();
  if (isInt != 0) {
    forEach(r.rt(), "unary", n, UnaryInt{static_cast<const std::int32_t*>(x), static_cast<std::int32_t*>(y), op});
  } else {
    forEach(r.rt(), "unary", n, UnaryFloat{static_cast<const float*>(x), static_cast<float*>(y), op, alpha});
  }
}

}  // namespace tensile
