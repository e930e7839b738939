// reduce over the middle axis of x viewed as [outer, reduced, inner] (the TypeScript side
// transposes first when the axes are not contiguous). Short reductions, or many outputs: one
// thread per output. Long reductions with few outputs (a bias gradient: 6 sums of 73,728): one
// block of 256 threads per output, each thread folding a strided share, then a tree in shared
// memory. Both fold with the same `Fold`, so their results obey one set of rules: sums of int32
// in 64 bits (wrapped at the end, as core's reference stores its exact sum), Math.max/min NaN
// propagation, and argMax/argMin returning the first extreme, where a NaN never wins unless it is
// the first element.
#include <type_traits>

#include "../kernels.h"
#include "../launch.cuh"
#include "../math.cuh"

namespace tensile {

namespace {

using codes::Reduce;

template <class T>
struct Acc {
  // Sums of int32 are exact in 64 bits; float32 sums and everything else fold in T.
  using Value = typename std::conditional<std::is_same<T, float>::value, float, long long>::type;
  Value v;
  int index;  // argMax/argMin: the candidate's position; -1 when this share was empty
};

template <class T>
struct Fold {
  int op;
  bool floatOut;  // the mean of int32 is float32

  TENSILE_HD Acc<T> empty() const {
    Acc<T> a;
    a.index = -1;
    switch (static_cast<Reduce>(op)) {
      case Reduce::prod: a.v = 1; break;
      case Reduce::max: a.v = std::is_same<T, float>::value ? -INFINITY : -2147483648LL; break;
      case Reduce::min: a.v = std::is_same<T, float>::value ? INFINITY : 2147483647LL; break;
      default: a.v = 0; break;
    }
    return a;
  }

  TENSILE_HD static bool isNan(float v) { return isnan(v); }
  TENSILE_HD static bool isNan(long long) { return false; }

  /** For argMax/argMin: whether candidate a beats b. */
  TENSILE_HD bool beats(const Acc<T>& a, const Acc<T>& b) const {
    if (a.index < 0) return false;
    if (b.index < 0) return true;
    // A NaN first element stops the sequential scan where it is; any other NaN never wins.
    if (a.index == 0 && isNan(a.v)) return true;
    if (b.index == 0 && isNan(b.v)) return false;
    if (isNan(a.v)) return false;
    if (isNan(b.v)) return true;
    const bool max = static_cast<Reduce>(op) == Reduce::argMax;
    if (a.v != b.v) return max ? a.v > b.v : a.v < b.v;
    return a.index < b.index;
  }

  TENSILE_HD Acc<T> combine(const Acc<T>& a, const Acc<T>& b) const {
    Acc<T> r = a;
    switch (static_cast<Reduce>(op)) {
      case Reduce::sum:
      case Reduce::mean: r.v = a.v + b.v; break;
      case Reduce::prod:
        if constexpr (std::is_same<T, float>::value) r.v = a.v * b.v;
        else r.v = wrapMul(static_cast<std::int32_t>(a.v), static_cast<std::int32_t>(b.v));
        break;
      case Reduce::max:
        if (isNan(a.v) || isNan(b.v)) r.v = a.v + b.v;  // NaN
        else r.v = a.v > b.v ? a.v : b.v;
        break;
      case Reduce::min:
        if (isNan(a.v) || isNan(b.v)) r.v = a.v + b.v;
        else r.v = a.v < b.v ? a.v : b.v;
        break;
      case Reduce::argMax:
      case Reduce::argMin: r = beats(b, a) ? b : a; break;
    }
    return r;
  }

  TENSILE_HD Acc<T> of(T x, int k) const {
    Acc<T> a;
    a.v = static_cast<typename Acc<T>::Value>(x);
    a.index = k;
    return a;
  }

  /** Writes the folded value: mean divides, argMax/argMin write the index, int32 sums wrap. */
  TENSILE_HD void write(const Acc<T>& a, int reduced, void* y, std::int64_t o) const {
    const Reduce r = static_cast<Reduce>(op);
    if (r == Reduce::argMax || r == Reduce::argMin) {
      static_cast<std::int32_t*>(y)[o] = a.index < 0 ? 0 : a.index;
      return;
    }
    if constexpr (std::is_same<T, float>::value) {
      static_cast<float*>(y)[o] = r == Reduce::mean ? a.v / static_cast<float>(reduced) : a.v;
    } else {
      if (floatOut) {
        static_cast<float*>(y)[o] = static_cast<float>(static_cast<double>(a.v) / reduced);
        return;
      }
      const long long v = r == Reduce::mean ? a.v / reduced : a.v;
      static_cast<std::int32_t*>(y)[o] = static_cast<std::int32_t>(static_cast<std::uint32_t>(static_cast<unsigned long long>(v)));
    }
  }
};

template <class T>
struct ReducePerThread {
  const T* x;
  void* y;
  int reduced, inner;
  Fold<T> fold;
  TENSILE_HD void operator()(std::int64_t o) const {
    const std::int64_t outer = o / inner;
    const int in = static_cast<int>(o % inner);
    const T* base = x + outer * reduced * inner + in;
    Acc<T> acc = fold.empty();
    for (int k = 0; k < reduced; ++k) acc = fold.combine(acc, fold.of(base[static_cast<std::int64_t>(k) * inner], k));
    fold.write(acc, reduced, y, o);
  }
};

template <class T>
struct ReducePerBlock {
  static constexpr unsigned kThreads = 256;
  struct Shared {
    Acc<T> acc[kThreads];
  };
  struct Thread {};
  const T* x;
  void* y;
  int reduced, inner;
  Fold<T> fold;

  // 0: each thread folds its share; 1..8: the tree; 9: thread 0 writes.
  TENSILE_HD int phases() const { return 10; }
  TENSILE_HD void phase(int p, Shared& sh, Thread&, unsigned tid, BlockIndex blk) const {
    const std::int64_t o = blk.x;
    if (p == 0) {
      const std::int64_t outer = o / inner;
      const int in = static_cast<int>(o % inner);
      const T* base = x + outer * reduced * inner + in;
      Acc<T> acc = fold.empty();
      for (int k = static_cast<int>(tid); k < reduced; k += kThreads) acc = fold.combine(acc, fold.of(base[static_cast<std::int64_t>(k) * inner], k));
      sh.acc[tid] = acc;
      return;
    }
    if (p <= 8) {
      const unsigned stride = kThreads >> p;
      if (tid < stride) sh.acc[tid] = fold.combine(sh.acc[tid], sh.acc[tid + stride]);
      return;
    }
    if (tid == 0) fold.write(sh.acc[0], reduced, y, o);
  }
};

template <class T>
void reduceAs(Runtime& rt, const void* x, void* y, int op, bool floatOut, int outer, int reduced, int inner) {
  const std::int64_t outputs = static_cast<std::int64_t>(outer) * inner;
  const Fold<T> fold{op, floatOut};
  const T* xs = static_cast<const T*>(x);
  if (reduced <= 512 || outputs >= static_cast<std::int64_t>(rt.smCount) * 256 || outputs > 2147483647LL) {
    forEach(rt, "reduce", outputs, ReducePerThread<T>{xs, y, reduced, inner, fold});
  } else {
    runBlocks(rt, "reduce", BlockGrid{static_cast<std::uint32_t>(outputs), 1, 1}, ReducePerBlock<T>{xs, y, reduced, inner, fold});
  }
}

}  // namespace

// Buffers: x, y. Ints: op, isInt, floatOut, outer, reduced, inner.
void runReduce(Reader& r) {
  const void* x = r.buffer<const void>();
  void* y = r.buffer<void>();
  const int op = r.i(), isInt = r.i();
  const bool floatOut = r.i() != 0;
  const int outer = r.i(), reduced = r.i(), inner = r.i();
  r.done();
  if (isInt != 0) reduceAs<std::int32_t>(r.rt(), x, y, op, floatOut, outer, reduced, inner);
  else reduceAs<float>(r.rt(), x, y, op, false, outer, reduced, inner);
}

}  // namespace tensile
