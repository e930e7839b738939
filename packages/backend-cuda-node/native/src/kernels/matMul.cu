// matMul and fusedMatMul: rank-3 operands [batch, rows, cols]; a batch of 1 broadcasts (its batch
// stride is 0). Transposes are read in place by the loader.
#include "../gemm.cuh"
#include "../kernels.h"
#include "../launch.cuh"
#include "../math.cuh"

namespace tensile {

namespace {

struct MatMulLoader {
  const float* a;
  const float* b;
  int m, n, k;
  int aBatchStride, bBatchStride;
  bool transposeA, transposeB;
  TENSILE_HD float a_(int batch, int row, int kk) const {
    const std::int64_t base = static_cast<std::int64_t>(batch) * aBatchStride;
    return transposeA ? a[base + static_cast<std::int64_t>(kk) * m + row] : a[base + static_cast<std::int64_t>(row) * k + kk];
  }
  TENSILE_HD float b_(int batch, int kk, int col) const {
    const std::int64_t base = static_cast<std::int64_t>(batch) * bBatchStride;
    return transposeB ? b[base + static_cast<std::int64_t>(col) * k + kk] : b[base + static_cast<std::int64_t>(kk) * n + col];
  }
};

// The GEMM calls a() and b(); the operands' names are taken by the pointers above.
struct MatMulOperands {
  MatMulLoader l;
  TENSILE_HD float a(int batch, int row, int kk) const { return l.a_(batch, row, kk); }
  TENSILE_HD float b(int batch, int kk, int col) const { return l.b_(batch, kk, col); }
};

/** int32 products, wrapping as core's reference (Math.imul, `| 0`): one thread per output; the
 *  tiled GEMM is for float32, where the speed matters. */
struct MatMulInt {
  const std::int32_t* a;
  const std::int32_t* b;
  std::int32_t* y;
  int m, n, k;
  int aBatchStride, bBatchStride;
  bool transposeA, transposeB;
  TENSILE_HD void operator()(std::int64_t i) const {
    const int col = static_cast<int>(i % n);
    const std::int64_t t = i / n;
    const int row = static_cast<int>(t % m);
    const std::int64_t batch = t / m;
    const std::int32_t* ab = a + batch * aBatchStride;
    const std::int32_t* bb = b + batch * bBatchStride;
    std::int32_t s = 0;
    for (int p = 0; p < k; ++p) {
      const std::int32_t av = transposeA ? ab[static_cast<std::int64_t>(p) * m + row] : ab[static_cast<std::int64_t>(row) * k + p];
      const std::int32_t bv = transposeB ? bb[static_cast<std::int64_t>(col) * k + p] : bb[static_cast<std::int64_t>(p) * n + col];
      s = wrapAdd(s, wrapMul(av, bv));
    }
    y[i] = s;
  }
};

}  // namespace

// Buffers: a, b, bias (0: none), y. Ints: batch, m, n, k, aBatchStride, bBatchStride,
// transposeA, transposeB, activation, isInt (int32 operands: no bias, no activation).
void runMatMul(Reader& r) {
  const float* a = r.buffer<const float>();
  const float* b = r.buffer<const float>();
  const float* bias = r.optionalBuffer<const float>();
  float* y = r.buffer<float>();
  const int batch = r.i(), m = r.i(), n = r.i(), k = r.i();
  const int aStride = r.i(), bStride = r.i();
  const bool transposeA = r.i() != 0, transposeB = r.i() != 0;
  const int activation = r.i();
  const bool isInt = r.i() != 0;
  r.done();
  if (isInt) {
    const MatMulInt f{static_cast<const std::int32_t*>(static_cast<const void*>(a)), static_cast<const std::int32_t*>(static_cast<const void*>(b)),
                      static_cast<std::int32_t*>(static_cast<void*>(y)), m, n, k, aStride, bStride, transposeA, transposeB};
    forEach(r.rt(), "matMul", static_cast<std::int64_t>(batch) * m * n, f);
    return;
  }
  const MatMulOperands loader{MatMulLoader{a, b, m, n, k, aStride, bStride, transposeA, transposeB}};
  gemm(r.rt(), "matMul", loader, GemmDims{batch, m, n, k}, y, Epilogue{bias, activation});
}

}  // namespace tensile
