// conv2dBackpropFilter as an implicit GEMM: M = fh*fw*inC taps, K = n*outH*outW, N = outC. K is
// long and M x N small, so this is the kernel split-K exists for.
#include "../conv.cuh"

namespace tensile {

// Buffers: x, dy, dfilter. Ints: ConvGeom.
void runConv2dBackpropFilter(Reader& r) {
  const float* x = r.buffer<const float>();
  const float* dy = r.buffer<const float>();
  float* dfilter = r.buffer<float>();
  const ConvGeom g = ConvGeom::read(r);
  r.done();
  const GemmDims dims{1, g.fh * g.fw * g.inC, g.outC, g.n * g.outH * g.outW};
  gemm(r.rt(), "conv2dBackpropFilter", Conv2dBackpropFilterLoader{x, dy, g}, dims, dfilter, Epilogue{});
}

}  // namespace tensile
