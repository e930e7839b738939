// activationGrad: dy * f'(x) from y = f(x), for the fused kernels' activations.
#include "../kernels.h"
#include "../launch.cuh"
#include "../math.cuh"

namespace tensile {

namespace {

struct ActivationGrad {
  const float* dy;
  const float* y;
  float* out;
  int code;
  TENSILE_HD void operator()(std::int64_t i) const { out[i] = activationGradOf(code, dy[i], y[i]); }
};

}  // namespace

// Buffers: dy, y, out. Ints: n, activation.
void runActivationGrad(Reader& r) {
  const float* dy = r.buffer<const float>();
  const float* y = r.buffer<const float>();
  float* out = r.buffer<float>();
  const int n = r.i(), code = r.i();
  r.done();
  forEach(r.rt(), "activationGrad", n, ActivationGrad{dy, y, out, code});
}

}  // namespace tensile
