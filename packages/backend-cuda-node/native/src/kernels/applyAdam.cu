// applyAdam, in place: Keras' Adam with the bias correction folded into the step size, which the
// caller computes in double: lrT = lr * sqrt(1 - beta2^t) / (1 - beta1^t).
#include "../kernels.h"
#include "../launch.cuh"

namespace tensile {

namespace {

struct Adam {
  float* w;
  const float* g;
  float* m;
  float* v;
  float lrT, beta1, beta2, epsilon;
  TENSILE_HD void operator()(std::int64_t i) const {
    const float gi = g[i];
    const float mi = beta1 * m[i] + (1.0f - beta1) * gi;
    const float vi = beta2 * v[i] + (1.0f - beta2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    w[i] -= lrT * mi / (sqrtf(vi) + epsilon);
  }
};

}  // namespace

// Buffers: variable, grad, m, v. Ints: n. Floats: lrT, beta1, beta2, epsilon.
void runApplyAdam(Reader& r) {
  float* w = r.buffer<float>();
  const float* g = r.buffer<const float>();
  float* m = r.buffer<float>();
  float* v = r.buffer<float>();
  const int n = r.i();
  const auto lrT = static_cast<float>(r.f()), beta1 = static_cast<float>(r.f()), beta2 = static_cast<float>(r.f()),
             epsilon = static_cast<float>(r.f());
  r.done();
  forEach(r.rt(), "applyAdam", n, Adam{w, g, m, v, lrT, beta1, beta2, epsilon});
}

}  // namespace tensile
