// One tiled GEMM, shared-memory blocked, that every matrix product here goes through: matMul,
// and the three convolutions as implicit GEMMs (their loaders compute each operand element's
// address from the convolution's geometry, so no im2col buffer is ever written).
//
//   out[batch][row][col] = act(sum_k A(batch, row, k) * B(batch, k, col) + bias[col])
//
// A block computes a BM x BN tile with 256 threads, 4 x 4 outputs each, stepping through K in
// tiles of 16 staged in shared memory. The tile shape follows N (a LeNet convolution has 6 or 16
// output channels; a 64-wide tile would leave most of it idle). When the tiles are too few to
// fill the device and K is long, K is split across blocks (geometry.h) and a second kernel sums
// the partial tiles and applies the epilogue.
#pragma once
#include <cstdint>
#include <string>

#include "error.h"
#include "launch.cuh"
#include "math.cuh"

namespace tensile {

struct Epilogue {
  const float* bias = nullptr;  // per column, or none
  int activation = 0;           // codes::Activation; linear is 0
};

struct GemmDims {
  int batch = 1, m = 0, n = 0, k = 0;
};

template <int BM, int BN, class Loader>
struct GemmProgram {
  static constexpr int BK = 16;
  static constexpr int TM = 4;
  static constexpr int TN = 4;
  static constexpr unsigned kThreads = (BM / TM) * (BN / TN);
  static_assert(kThreads == 256, "a GEMM tile is computed by 256 threads");

  struct Shared {
    float a[BK][BM + 1];  // +1: the loads write down a column, and a padded row spreads them over the banks
    float b[BK][BN];
  };
  struct Thread {
    float acc[TM][TN];
  };

  Loader loader;
  float* out;
  GemmDims dims;
  int splits;
  int kChunk;
  bool partial;  // write raw sums to out[split][batch][m][n]; the split-K sum applies the epilogue
  Epilogue ep;

  TENSILE_HD int phases() const { return 2 * (kChunk / BK) + 2; }

  TENSILE_HD void phase(int p, Shared& sh, Thread& st, unsigned tid, BlockIndex blk) const {
    const int batch = static_cast<int>(blk.z) / splits;
    const int split = static_cast<int>(blk.z) % splits;
    const int row0 = static_cast<int>(blk.x) * BM;
    const int col0 = static_cast<int>(blk.y) * BN;
    const int ty = static_cast<int>(tid) / (BN / TN);
    const int tx = static_cast<int>(tid) % (BN / TN);
    if (p == 0) {
      for (int i = 0; i < TM; ++i)
        for (int j = 0; j < TN; ++j) st.acc[i][j] = 0.0f;
      return;
    }
    if (p == phases() - 1) {
      store(st, batch, split, row0 + ty, col0 + tx);
      return;
    }
    const int kBegin = split * kChunk;
    const int kEnd = kBegin + kChunk < dims.k ? kBegin + kChunk : dims.k;
    const int k0 = kBegin + ((p - 1) / 2) * BK;
    if ((p - 1) % 2 == 0) {
      // Consecutive threads take consecutive k, which is the contiguous axis of every loader's A
      // (a row of a matrix; the input channels of a convolution tap).
      for (int e = static_cast<int>(tid); e < BM * BK; e += kThreads) {
        const int kk = e % BK;
        const int r = e / BK;
        const int gr = row0 + r;
        const int gk = k0 + kk;
        sh.a[kk][r] = (gr < dims.m && gk < kEnd) ? loader.a(batch, gr, gk) : 0.0f;
      }
      for (int e = static_cast<int>(tid); e < BK * BN; e += kThreads) {
        const int c = e % BN;
        const int kk = e / BN;
        const int gc = col0 + c;
        const int gk = k0 + kk;
        sh.b[kk][c] = (gc < dims.n && gk < kEnd) ? loader.b(batch, gk, gc) : 0.0f;
      }
      return;
    }
    for (int kk = 0; kk < BK; ++kk) {
      float av[TM];
      float bv[TN];
      for (int i = 0; i < TM; ++i) av[i] = sh.a[kk][ty + i * (BM / TM)];
      for (int j = 0; j < TN; ++j) bv[j] = sh.b[kk][tx + j * (BN / TN)];
      for (int i = 0; i < TM; ++i)
        for (int j = 0; j < TN; ++j) st.acc[i][j] = fmaf(av[i], bv[j], st.acc[i][j]);
    }
  }

  TENSILE_HD void store(const Thread& st, int batch, int split, int rowBase, int colBase) const {
    for (int i = 0; i < TM; ++i) {
      const int r = rowBase + i * (BM / TM);
      if (r >= dims.m) continue;
      for (int j = 0; j < TN; ++j) {
        const int c = colBase + j * (BN / TN);
        if (c >= dims.n) continue;
        const std::int64_t at = (static_cast<std::int64_t>(batch) * dims.m + r) * dims.n + c;
        if (partial) {
          out[static_cast<std::int64_t>(split) * dims.batch * dims.m * dims.n + at] = st.acc[i][j];
        } else {
          const float v = st.acc[i][j] + (ep.bias != nullptr ? ep.bias[c] : 0.0f);
          out[at] = activate(ep.activation, v);
        }
      }
    }
  }
};

/** Sums the split-K partial tiles and applies the epilogue. */
struct SplitKSum {
  const float* partial;
  float* out;
  std::int64_t size;  // batch * m * n
  int n;
  int splits;
  Epilogue ep;
  TENSILE_HD void operator()(std::int64_t i) const {
    float s = 0.0f;
    for (int k = 0; k < splits; ++k) s += partial[k * size + i];
    if (ep.bias != nullptr) s += ep.bias[i % n];
    out[i] = activate(ep.activation, s);
  }
};

template <int BM, int BN, class Loader>
void gemmTiled(Runtime& rt, const char* name, const Loader& loader, GemmDims dims, float* out, Epilogue ep) {
  using Program = GemmProgram<BM, BN, Loader>;
  const GemmGrid g = gemmGrid(dims.batch, dims.m, dims.n, dims.k, BM, BN, Program::BK, rt.smCount);
  const std::int64_t z = static_cast<std::int64_t>(dims.batch) * g.splits;
  if (z > 65535 || g.tilesN > 65535) {
    throw UsageError(std::string(name) + ": batch " + std::to_string(dims.batch) + " x " + std::to_string(g.splits) +
                     " splits is past CUDA's 65535 grid limit");
  }
  Program program{loader, out, dims, static_cast<int>(g.splits), static_cast<int>(g.kChunk), g.splits > 1, ep};
  const BlockGrid grid{g.tilesM, g.tilesN, static_cast<std::uint32_t>(z)};
  if (g.splits == 1) {
    runBlocks(rt, name, grid, program);
    return;
  }
  const std::int64_t size = static_cast<std::int64_t>(dims.batch) * dims.m * dims.n;
  float* partial = static_cast<float*>(rt.scratch(static_cast<std::size_t>(size) * g.splits * sizeof(float)));
  program.out = partial;
  runBlocks(rt, name, grid, program);
  forEach(rt, name, size, SplitKSum{partial, out, size, dims.n, static_cast<int>(g.splits), ep});
  // Later kernels that reuse the block are queued behind the sum on the same stream.
  rt.releaseScratch(partial);
}

/** Picks the tile shape by N. */
template <class Loader>
void gemm(Runtime& rt, const char* name, const Loader& loader, GemmDims dims, float* out, Epilogue ep) {
  if (dims.batch <= 0 || dims.m <= 0 || dims.n <= 0) return;
  if (dims.n <= 8) {
    gemmTiled<512, 8>(rt, name, loader, dims, out, ep);
  } else if (dims.n <= 32) {
    gemmTiled<128, 32>(rt, name, loader, dims, out, ep);
  } else {
    gemmTiled<64, 64>(rt, name, loader, dims, out, ep);
  }
}

}  // namespace tensile
