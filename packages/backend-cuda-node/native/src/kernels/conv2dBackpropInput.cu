// conv2dBackpropInput as an implicit GEMM: M = n*h*w input pixels, K = fh*fw*outC, N = inC.
#include "../conv.cuh"

namespace tensile {

// Buffers: dy, filter, dx. Ints: ConvGeom.
void runConv2dBackpropInput(Reader& r) {
  const float* dy = r.buffer<const float>();
  const float* filter = r.buffer<const float>();
  float* dx = r.buffer<float>();
  const ConvGeom g = ConvGeom::read(r);
  r.done();
  const GemmDims dims{1, g.n * g.h * g.w, g.inC, g.fh * g.fw * g.outC};
  gemm(r.rt(), "conv2dBackpropInput", Conv2dBackpropInputLoader{dy, filter, g}, dims, dx, Epilogue{});
}

}  // namespace tensile
