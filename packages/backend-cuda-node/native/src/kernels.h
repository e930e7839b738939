// The calling convention between the TypeScript kernels (src/kernels/*.ts) and the CUDA ones:
// every kernel takes memory handles, int32 parameters and float64 parameters, in the order its
// .cu file reads them with a Reader. The Reader checks the counts, so a TypeScript side that
// passes a different layout fails with the kernel's name instead of reading garbage.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "error.h"
#include "hd.h"
#include "runtime.h"

namespace tensile {

struct KernelArgs {
  const std::uint32_t* handles;
  std::size_t numHandles;
  const std::int32_t* ints;
  std::size_t numInts;
  const double* floats;
  std::size_t numFloats;
};

class Reader {
 public:
  Reader(Runtime& rt, const KernelArgs& args, const char* kernel) : rt_(rt), args_(args), kernel_(kernel) {}

  template <class T>
  T* buffer() {
    if (h_ >= args_.numHandles) fail("buffers", h_ + 1, args_.numHandles);
    return static_cast<T*>(rt_.ptr(args_.handles[h_++]));
  }
  /** A buffer that may be absent (handle 0): an optional bias or velocity. */
  template <class T>
  T* optionalBuffer() {
    if (h_ >= args_.numHandles) fail("buffers", h_ + 1, args_.numHandles);
    const std::uint32_t handle = args_.handles[h_++];
    return handle == 0 ? nullptr : static_cast<T*>(rt_.ptr(handle));
  }
  std::int32_t i() {
    if (i_ >= args_.numInts) fail("ints", i_ + 1, args_.numInts);
    return args_.ints[i_++];
  }
  double f() {
    if (f_ >= args_.numFloats) fail("floats", f_ + 1, args_.numFloats);
    return args_.floats[f_++];
  }
  /** Every parameter must have been read: a longer layout is as wrong as a shorter one. */
  void done() const {
    if (h_ != args_.numHandles) fail("buffers", h_, args_.numHandles);
    if (i_ != args_.numInts) fail("ints", i_, args_.numInts);
    if (f_ != args_.numFloats) fail("floats", f_, args_.numFloats);
  }
  Runtime& rt() { return rt_; }
  const char* kernel() const { return kernel_; }

 private:
  [[noreturn]] void fail(const char* what, std::size_t wanted, std::size_t got) const {
    throw UsageError(std::string(kernel_) + ": parameter layout mismatch: read " + std::to_string(wanted) + " " + what + ", given " +
                     std::to_string(got) + " (the addon and the TypeScript kernels were built from different sources)");
  }
  Runtime& rt_;
  const KernelArgs& args_;
  const char* kernel_;
  std::size_t h_ = 0, i_ = 0, f_ = 0;
};

/** Up to this many dimensions after collapsing; core's tensors have at most 8. */
constexpr int kMaxRank = 8;

/** An output's dimensions and, for up to three operands, the stride of each dimension (0 where
 *  an operand is broadcast). Read from the ints as: rank, dims[rank], then strides[rank] for
 *  each operand. */
template <int Operands>
struct Strided {
  int rank = 0;
  int dims[kMaxRank] = {};
  int strides[Operands][kMaxRank] = {};

  static Strided read(Reader& r) {
    Strided s;
    s.rank = r.i();
    if (s.rank < 0 || s.rank > kMaxRank) throw UsageError(std::string(r.kernel()) + ": rank " + std::to_string(s.rank) + " above 8");
    for (int d = 0; d < s.rank; ++d) s.dims[d] = r.i();
    for (int o = 0; o < Operands; ++o)
      for (int d = 0; d < s.rank; ++d) s.strides[o][d] = r.i();
    return s;
  }
  /** Offsets into each operand of output element i. */
  /** 32-bit arithmetic: the backend caps a tensor below 2^31 bytes, and 64-bit division is
   *  many instructions on a GPU. */
  TENSILE_HD void offsets(std::int64_t index, int (&out)[Operands]) const {
    unsigned i = static_cast<unsigned>(index);
    for (int o = 0; o < Operands; ++o) out[o] = 0;
    for (int d = rank - 1; d >= 0; --d) {
      const unsigned dim = static_cast<unsigned>(dims[d]);
      const int c = static_cast<int>(i % dim);
      i /= dim;
      for (int o = 0; o < Operands; ++o) out[o] += c * strides[o][d];
    }
  }
};

using KernelFn = void (*)(Reader&);

struct KernelEntry {
  const char* name;
  KernelFn run;
};

/** Every kernel the addon has, in the order kernels.cc lists them. */
extern const KernelEntry kKernels[];
extern const std::size_t kNumKernels;

}  // namespace tensile
