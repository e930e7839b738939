// softmax and logSoftmax over the last axis, one thread per row: max, then the sum of exp(x - max).
#include "../kernels.h"
#include "../launch.cuh"
#include "../math.cuh"

namespace tensile {

namespace {

struct Softmax {
  const float* x;
  float* y;
  int cols;
  bool log;
  TENSILE_HD void operator()(std::int64_t row) const {
    const float* in = x + row * cols;
    float* out = y + row * cols;
    float m = -INFINITY;
    for (int c = 0; c < cols; ++c) m = jsMax(m, in[c]);
    float sum = 0.0f;
    for (int c = 0; c < cols; ++c) sum += expf(in[c] - m);
    if (log) {
      const float logSum = logf(sum);
      for (int c = 0; c < cols; ++c) out[c] = in[c] - m - logSum;
    } else {
      for (int c = 0; c < cols; ++c) out[c] = expf(in[c] - m) / sum;
    }
  }
};

void run(Reader& r, bool log) {
  const float* x = r.buffer<const float>();
  float* y = r.buffer<float>();
  const int rows = r.i(), cols = r.i();
  r.done();
  forEach(r.rt(), log ? "logSoftmax" : "softmax", rows, Softmax{x, y, cols, log});
}

}  // namespace

// Buffers: x, y. Ints: rows, cols.
void runSoftmax(Reader& r) { run(r, false); }
void runLogSoftmax(Reader& r) { run(r, true); }

}  // namespace tensile
