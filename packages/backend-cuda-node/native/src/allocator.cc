#include "allocator.h"

#include "error.h"

namespace tensile {

std::size_t CachingAllocator::bucketSize(std::size_t bytes) {
  constexpr std::size_t kMin = 256;
  if (bytes <= kMin) return kMin;
  std::size_t pow2 = kMin;
  while (pow2 * 2 < bytes) pow2 *= 2;  // pow2 < bytes <= 2 * pow2
  const std::size_t quarter = pow2 / 4;
  for (std::size_t b = pow2 + quarter; b < 2 * pow2; b += quarter) {
    if (bytes <= b) return b;
  }
  return 2 * pow2;
}

void* CachingAllocator::allocate(std::size_t bytes) {
  const std::size_t bucket = exact_ ? (bytes == 0 ? 1 : bytes) : bucketSize(bytes);
  auto cached = free_.find(bucket);
  if (cached != free_.end() && !cached->second.empty()) {
    void* ptr = cached->second.back();
    cached->second.pop_back();
    live_.emplace(ptr, bucket);
    stats_.cachedBytes -= bucket;
    stats_.cachedBlocks -= 1;
    stats_.inUseBytes += bucket;
    stats_.inUseBlocks += 1;
    stats_.reuses += 1;
    return ptr;
  }
  void* ptr = rawAlloc_(bucket);
  if (ptr == nullptr && stats_.cachedBlocks > 0) {
    // Blocks of other sizes may be what holds the memory: give them back and try once more.
    trim();
    stats_.trims += 1;
    ptr = rawAlloc_(bucket);
  }
  if (ptr == nullptr) return nullptr;
  stats_.rawAllocs += 1;
  live_.emplace(ptr, bucket);
  stats_.inUseBytes += bucket;
  stats_.inUseBlocks += 1;
  return ptr;
}

void CachingAllocator::release(void* ptr) {
  auto it = live_.find(ptr);
  if (it == live_.end()) throw UsageError("allocator: release of a block that is not live");
  const std::size_t bucket = it->second;
  live_.erase(it);
  if (exact_) {
    rawFree_(ptr);
    stats_.rawFrees += 1;
    stats_.inUseBytes -= bucket;
    stats_.inUseBlocks -= 1;
    return;
  }
  free_[bucket].push_back(ptr);
  stats_.inUseBytes -= bucket;
  stats_.inUseBlocks -= 1;
  stats_.cachedBytes += bucket;
  stats_.cachedBlocks += 1;
}

void CachingAllocator::trim() {
  for (auto& [bucket, blocks] : free_) {
    for (void* ptr : blocks) {
      rawFree_(ptr);
      stats_.rawFrees += 1;
    }
    stats_.cachedBytes -= bucket * blocks.size();
    stats_.cachedBlocks -= blocks.size();
    blocks.clear();
  }
  free_.clear();
}

void CachingAllocator::releaseAll() {
  trim();
  for (auto& [ptr, bucket] : live_) {
    rawFree_(ptr);
    stats_.rawFrees += 1;
    stats_.inUseBytes -= bucket;
  }
  stats_.inUseBlocks = 0;
  live_.clear();
}

std::size_t CachingAllocator::blockBytes(void* ptr) const {
  auto it = live_.find(ptr);
  return it == live_.end() ? 0 : it->second;
}

}  // namespace tensile
