// A caching allocator over any raw allocator (cudaMalloc for device memory, cudaHostAlloc for the
// pinned staging buffers of reads, malloc when kernels are emulated on the host). Freed blocks go
// back to a free list per size bucket instead of to CUDA: cudaFree synchronises the whole device,
// and a training step frees and allocates the same sizes every step. Everything runs on one
// stream, so a block freed by one kernel and handed to the next is ordered by the stream itself.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

namespace tensile {

struct AllocatorStats {
  std::size_t inUseBytes = 0;     // bucket bytes of live blocks
  std::size_t cachedBytes = 0;    // bucket bytes waiting in free lists
  std::size_t inUseBlocks = 0;
  std::size_t cachedBlocks = 0;
  std::size_t rawAllocs = 0;      // calls to the raw allocator (cudaMalloc)
  std::size_t rawFrees = 0;
  std::size_t reuses = 0;         // allocations served from a free list
  std::size_t trims = 0;          // times the cache was emptied to make room
};

class CachingAllocator {
 public:
  using RawAlloc = std::function<void*(std::size_t)>;  // nullptr when out of memory
  using RawFree = std::function<void(void*)>;

  /** `exact`: no buckets and no cache, every block exactly as asked and returned at once. For
   *  compute-sanitizer runs, whose memcheck sees only accesses outside a raw block: a bucket's
   *  slack would hide a small overrun. */
  CachingAllocator(RawAlloc rawAlloc, RawFree rawFree, bool exact = false)
      : rawAlloc_(std::move(rawAlloc)), rawFree_(std::move(rawFree)), exact_(exact) {}
  ~CachingAllocator() { releaseAll(); }
  CachingAllocator(const CachingAllocator&) = delete;
  CachingAllocator& operator=(const CachingAllocator&) = delete;

  /** The bucket a request of `bytes` is served from: at least 256 bytes, then four buckets per
   *  power of two (x1, x1.25, x1.5, x1.75), so a block wastes at most a fifth of itself. */
  static std::size_t bucketSize(std::size_t bytes);

  /** A block of at least `bytes`; nullptr when the raw allocator fails even with the cache emptied. */
  void* allocate(std::size_t bytes);
  /** Gives a block from `allocate` back to its bucket's free list. Unknown pointers throw. */
  void release(void* ptr);
  /** Returns every cached block to the raw allocator. */
  void trim();
  /** Returns every block, live or cached (at shutdown). */
  void releaseAll();
  /** Bucket bytes of the live block at `ptr`, or 0 when `ptr` is not live. */
  std::size_t blockBytes(void* ptr) const;

  const AllocatorStats& stats() const { return stats_; }

 private:
  RawAlloc rawAlloc_;
  RawFree rawFree_;
  std::unordered_map<std::size_t, std::vector<void*>> free_;  // bucket -> cached blocks
  std::unordered_map<void*, std::size_t> live_;               // block -> bucket
  AllocatorStats stats_;
  bool exact_;
};

}  // namespace tensile
