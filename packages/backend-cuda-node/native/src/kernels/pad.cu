// pad with a constant: an output element inside [before, before + inDim) on every dimension reads
// the input, any other takes the constant's bits.
#include "../kernels.h"
#include "../launch.cuh"

namespace tensile {

namespace {

struct Pad {
  const std::uint32_t* x;
  std::uint32_t* y;
  int rank;
  int outDims[kMaxRank];
  int inDims[kMaxRank];
  int before[kMaxRank];
  std::uint32_t fill;
  TENSILE_HD void operator()(std::int64_t index) const {
    unsigned i = static_cast<unsigned>(index);
    int at = 0;
    int stride = 1;
    bool inside = true;
    for (int d = rank - 1; d >= 0; --d) {
      const int c = static_cast<int>(i % static_cast<unsigned>(outDims[d])) - before[d];
      i /= static_cast<unsigned>(outDims[d]);
      if (c < 0 || c >= inDims[d]) inside = false;
      at += c * stride;
      stride *= inDims[d];
    }
    y[index] = inside ? x[at] : fill;
  }
};

}  // namespace

// Buffers: x, y. Ints: rank, outDims[rank], inDims[rank], before[rank], fill bits.
void runPad(Reader& r) {
  Pad p{};
  p.x = r.buffer<const std::uint32_t>();
  p.y = r.buffer<std::uint32_t>();
  p.rank = r.i();
  if (p.rank < 0 || p.rank > kMaxRank) throw UsageError("pad: rank " + std::to_string(p.rank) + " above 8");
  std::int64_t n = 1;
  for (int d = 0; d < p.rank; ++d) n *= (p.outDims[d] = r.i());
  for (int d = 0; d < p.rank; ++d) p.inDims[d] = r.i();
  for (int d = 0; d < p.rank; ++d) p.before[d] = r.i();
  p.fill = static_cast<std::uint32_t>(r.i());
  r.done();
  forEach(r.rt(), "pad", n, p);
}

}  // namespace tensile
