// applySgd, in place: Keras' SGD, with optional (Nesterov) momentum.
#include "../kernels.h"
#include "../launch.cuh"

namespace tensile {

namespace {

struct Sgd {
  float* w;
  const float* g;
  float* velocity;  // null: plain SGD
  float lr, momentum;
  bool nesterov;
  TENSILE_HD void operator()(std::int64_t i) const {
    const float gi = g[i];
    if (velocity == nullptr) {
      w[i] -= lr * gi;
      return;
    }
    const float vi = momentum * velocity[i] - lr * gi;
    velocity[i] = vi;
    w[i] += nesterov ? momentum * vi - lr * gi : vi;
  }
};

}  // namespace

// Buffers: variable, grad, velocity (0: none). Ints: n, nesterov. Floats: learningRate, momentum.
void runApplySgd(Reader& r) {
  float* w = r.buffer<float>();
  const float* g = r.buffer<const float>();
  float* velocity = r.optionalBuffer<float>();
  const int n = r.i();
  const bool nesterov = r.i() != 0;
  const auto lr = static_cast<float>(r.f()), momentum = static_cast<float>(r.f());
  r.done();
  forEach(r.rt(), "applySgd", n, Sgd{w, g, velocity, lr, momentum, nesterov});
}

}  // namespace tensile
