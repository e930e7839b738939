// The device, its stream, its memory, and the handles JavaScript holds. One Runtime per process.
//
// `host` is the emulated runtime: memory is ordinary host memory and every kernel runs its own
// per-thread code on the CPU, block by block and thread by thread (launch.cuh). It exists so a
// machine without a GPU can run the whole conformance suite through the real kernels' code; it is
// never chosen automatically.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "allocator.h"

namespace tensile {

/** What probing the driver and device found; `ok` false carries CUDA's own words in `reason`. */
struct DeviceInfo {
  bool ok = false;
  std::string reason;
  std::string name;
  int major = 0;
  int minor = 0;
  int smCount = 0;
  std::size_t totalMemory = 0;
  int driverVersion = 0;   // as cudaDriverGetVersion gives it, e.g. 13000
  int runtimeVersion = 0;  // the statically linked runtime's
};

/** Called on some thread other than JavaScript's once an asynchronous read has landed. */
using ReadDone = std::function<void()>;

class Runtime {
 public:
  /** Probes the driver and device (or sets up the emulated runtime) and creates the stream. */
  static DeviceInfo probe();
  explicit Runtime(bool host);
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  const bool host;
  /** The device's multiprocessors (4 when emulated): launch geometry scales with it. */
  int smCount = 4;
  const DeviceInfo& info() const { return info_; }
  /** The stream every kernel and copy goes to, as cudaStream_t; null when emulated. */
  void* stream() const { return stream_; }

  // Handles: small integers JavaScript holds for blocks of memory.
  std::uint32_t alloc(std::size_t bytes);
  void free(std::uint32_t handle);
  void* ptr(std::uint32_t handle) const;
  std::size_t bytes(std::uint32_t handle) const;

  void write(std::uint32_t handle, const void* src, std::size_t bytes);
  /** Copies into `dst` and waits for the stream. */
  void readSync(std::uint32_t handle, void* dst, std::size_t bytes);
  /** Copies into a pinned staging block; `done` runs off the JS thread once it is there. */
  void* readAsync(std::uint32_t handle, std::size_t bytes, ReadDone done);
  /** Returns a staging block from readAsync (on the JS thread, after its data was taken). */
  void releaseStaging(void* staging);
  /** Device-to-device copy of `bytes` from `src` into `dst`, in stream order. */
  void copy(std::uint32_t dst, std::uint32_t src, std::size_t bytes);
  void synchronize();

  /** Scratch memory for one launch (split-K partial sums): freed, in stream order, by the caller. */
  void* scratch(std::size_t bytes);
  void releaseScratch(void* ptr);

  /** Throws CudaError naming `kernel` if the last launch failed (a bad configuration, say). */
  void checkLaunch(const char* kernel) const;

  const AllocatorStats& deviceStats() const { return device_->stats(); }
  const AllocatorStats& stagingStats() const { return staging_->stats(); }
  std::size_t liveHandles() const { return liveHandles_; }
  /** Empties the device allocator's cache (tests; memory pressure from outside). */
  void trimCache();

 private:
  struct Block {
    void* ptr = nullptr;
    std::size_t bytes = 0;
  };
  const Block& block(std::uint32_t handle) const;

  DeviceInfo info_;
  void* stream_ = nullptr;
  std::unique_ptr<CachingAllocator> device_;
  std::unique_ptr<CachingAllocator> staging_;
  std::vector<Block> blocks_;             // index = handle; 0 is never used
  std::vector<std::uint32_t> freeHandles_;
  std::size_t liveHandles_ = 0;
};

/** Throws CudaError("<what>: <cudaGetErrorName>: <cudaGetErrorString>") when `status` is not 0. */
void check(int status, const char* what);

}  // namespace tensile
