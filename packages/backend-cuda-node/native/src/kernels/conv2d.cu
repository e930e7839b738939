// conv2d and fusedConv2d (bias + activation in the GEMM's epilogue), as an implicit GEMM:
// M = n*outH*outW output pixels, K = fh*fw*inC taps, N = outC.
#include "../conv.cuh"

namespace tensile {

// Buffers: x, filter, bias (0: none), y. Ints: ConvGeom, activation.
void runConv2d(Reader& r) {
  const float* x = r.buffer<const float>();
  const float* filter = r.buffer<const float>();
  const float* bias = r.optionalBuffer<const float>();
  float* y = r.buffer<float>();
  const ConvGeom g = ConvGeom::read(r);
  const int activation = r.i();
  r.done();
  const GemmDims dims{1, g.n * g.outH * g.outW, g.outC, g.fh * g.fw * g.inC};
  gemm(r.rt(), "conv2d", Conv2dLoader{x, filter, g}, dims, y, Epilogue{bias, activation});
}

}  // namespace tensile
