// Launch geometry: how many blocks of how many threads each kind of kernel gets. Plain host
// functions, exported to JavaScript for the unit tests (addon.cc `geometry`).
#pragma once
#include <algorithm>
#include <cstdint>

namespace tensile {

struct Geometry {
  std::uint32_t blocks = 1;
  std::uint32_t threads = 1;
};

/** Threads per block of the grid-stride elementwise kernels. */
constexpr std::uint32_t kElementwiseThreads = 256;
/** Blocks per multiprocessor an elementwise grid is capped at; a grid-stride loop covers the rest. */
constexpr std::int64_t kBlocksPerSm = 32;

/** One thread per element up to kBlocksPerSm full blocks per SM; beyond that each thread loops. */
inline Geometry elementwiseGeometry(std::int64_t n, int smCount) {
  Geometry g;
  g.threads = kElementwiseThreads;
  const std::int64_t needed = (n + g.threads - 1) / g.threads;
  const std::int64_t cap = std::max<std::int64_t>(1, static_cast<std::int64_t>(smCount) * kBlocksPerSm);
  g.blocks = static_cast<std::uint32_t>(std::clamp<std::int64_t>(needed, 1, cap));
  return g;
}

/** A GEMM's grid: tiles over rows (x) and columns (y); z holds batch x split. */
struct GemmGrid {
  std::uint32_t tilesM = 1;
  std::uint32_t tilesN = 1;
  std::uint32_t splits = 1;      // K is cut into this many chunks, summed by a second kernel
  std::int64_t kChunk = 0;       // K elements per split, a multiple of the tile depth
};

/**
 * Tiles of tileM x tileN, and split-K when the tiles alone would leave most multiprocessors idle
 * and K is long (a filter gradient: a few hundred outputs, K = batch x output pixels). Each split
 * keeps at least 4 tile depths of K, and the grid aims at two blocks per multiprocessor.
 */
inline GemmGrid gemmGrid(std::int64_t batch, std::int64_t m, std::int64_t n, std::int64_t k, int tileM, int tileN, int tileK,
                         int smCount) {
  GemmGrid g;
  g.tilesM = static_cast<std::uint32_t>((m + tileM - 1) / tileM);
  g.tilesN = static_cast<std::uint32_t>((n + tileN - 1) / tileN);
  const std::int64_t blocks = static_cast<std::int64_t>(g.tilesM) * g.tilesN * batch;
  const std::int64_t target = 2 * static_cast<std::int64_t>(std::max(smCount, 1));
  const std::int64_t kTiles = (k + tileK - 1) / tileK;
  std::int64_t splits = 1;
  if (blocks < target) splits = std::min<std::int64_t>((target + blocks - 1) / blocks, std::max<std::int64_t>(1, kTiles / 4));
  splits = std::clamp<std::int64_t>(splits, 1, 64);
  const std::int64_t tilesPerSplit = (kTiles + splits - 1) / splits;
  g.kChunk = tilesPerSplit * tileK;
  // Recount so no split is empty.
  g.splits = static_cast<std::uint32_t>(g.kChunk > 0 ? std::max<std::int64_t>(1, (k + g.kChunk - 1) / g.kChunk) : 1);
  if (g.kChunk == 0) g.kChunk = tileK;
  return g;
}

}  // namespace tensile
