#include <cuda_runtime.h>
#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "error.h"
#include "runtime.h"

namespace tensile {

namespace {

cudaStream_t asStream(void* s) { return static_cast<cudaStream_t>(s); }

std::string errorText(cudaError_t status) {
  return std::string(cudaGetErrorName(status)) + ": " + cudaGetErrorString(status);
}

/** What to do about each way the driver or device can be missing. */
std::string advice(cudaError_t status) {
  switch (status) {
    case cudaErrorInsufficientDriver:
      return "install an NVIDIA driver that supports CUDA 13.0 (version 580 or newer)";
    case cudaErrorNoDevice:
      return "no GPU is visible to this process: check `nvidia-smi`, and that CUDA_VISIBLE_DEVICES (if set) names a device";
    case cudaErrorDevicesUnavailable:
      return "every GPU is busy in exclusive mode: free one, or change its compute mode with `nvidia-smi -c DEFAULT`";
    default:
      return "check the NVIDIA driver with `nvidia-smi`";
  }
}

// The oldest architecture the build targets (CMakeLists.txt: 75-real ... 90-real, 90-virtual).
constexpr int kMinMajor = 7;
constexpr int kMinMinor = 5;

void* hostAlloc(std::size_t bytes) { return std::aligned_alloc(256, bytes); }

}  // namespace

void check(int status, const char* what) {
  if (status != cudaSuccess) throw CudaError(std::string(what) + ": " + errorText(static_cast<cudaError_t>(status)));
}

DeviceInfo Runtime::probe() {
  DeviceInfo info;
  cudaRuntimeGetVersion(&info.runtimeVersion);
  // The runtime is linked in statically and loads the driver's libcuda.so.1 itself; looking for it
  // first turns "insufficient driver" into what is actually missing. TENSILE_CUDA_LIBCUDA names
  // another library to look for, which is how the tests simulate a machine without a driver.
  const char* override = std::getenv("TENSILE_CUDA_LIBCUDA");
  const char* libcuda = override != nullptr && override[0] != '\0' ? override : "libcuda.so.1";
  void* driver = dlopen(libcuda, RTLD_LAZY | RTLD_LOCAL);
  if (driver == nullptr) {
    const char* why = dlerror();
    info.reason = std::string("the NVIDIA driver is not installed: ") + (why != nullptr ? why : libcuda) +
                  "; install the NVIDIA driver, version 580 or newer for CUDA 13 (Debian: `apt-get install nvidia-driver`), on a machine with an NVIDIA GPU";
    return info;
  }
  if (override != nullptr && override[0] != '\0') {
    // A test pointed at some other library that does exist: nothing more to learn from CUDA.
    dlclose(driver);
  }
  int count = 0;
  cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    info.reason = "cudaGetDeviceCount failed: " + errorText(status) + "; " + advice(status);
    return info;
  }
  cudaDriverGetVersion(&info.driverVersion);
  if (count == 0) {
    info.reason = "no CUDA device found; " + advice(cudaErrorNoDevice);
    return info;
  }
  cudaDeviceProp prop;
  status = cudaGetDeviceProperties(&prop, 0);
  if (status != cudaSuccess) {
    info.reason = "cudaGetDeviceProperties failed: " + errorText(status) + "; " + advice(status);
    return info;
  }
  info.name = prop.name;
  info.major = prop.major;
  info.minor = prop.minor;
  info.smCount = prop.multiProcessorCount;
  info.totalMemory = prop.totalGlobalMem;
  if (prop.major < kMinMajor || (prop.major == kMinMajor && prop.minor < kMinMinor)) {
    info.reason = std::string(prop.name) + " has compute capability " + std::to_string(prop.major) + "." +
                  std::to_string(prop.minor) + "; this build runs on 7.5 (Turing) and newer";
    return info;
  }
  info.ok = true;
  return info;
}

Runtime::Runtime(bool emulate) : host(emulate), blocks_(1) {
  if (host) {
    info_.ok = true;
    info_.name = "host emulation";
    smCount = 4;
    device_ = std::make_unique<CachingAllocator>(hostAlloc, [](void* p) { std::free(p); });
    staging_ = std::make_unique<CachingAllocator>(hostAlloc, [](void* p) { std::free(p); });
    return;
  }
  info_ = probe();
  if (!info_.ok) throw CudaError(info_.reason);
  check(cudaSetDevice(0), "cudaSetDevice");
  smCount = info_.smCount;
  cudaStream_t s = nullptr;
  check(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking), "cudaStreamCreateWithFlags");
  stream_ = s;
  // TENSILE_CUDA_EXACT_ALLOC=1 (device/check.sh sets it under compute-sanitizer): exact blocks.
  const char* exactEnv = std::getenv("TENSILE_CUDA_EXACT_ALLOC");
  const bool exact = exactEnv != nullptr && std::strcmp(exactEnv, "1") == 0;
  device_ = std::make_unique<CachingAllocator>(
      [](std::size_t bytes) -> void* {
        void* p = nullptr;
        if (cudaMalloc(&p, bytes) != cudaSuccess) {
          cudaGetLastError();  // clear the sticky-free out-of-memory error
          return nullptr;
        }
        return p;
      },
      [](void* p) { cudaFree(p); }, exact);
  staging_ = std::make_unique<CachingAllocator>(
      [](std::size_t bytes) -> void* {
        void* p = nullptr;
        if (cudaHostAlloc(&p, bytes, cudaHostAllocDefault) != cudaSuccess) {
          cudaGetLastError();
          return nullptr;
        }
        return p;
      },
      [](void* p) { cudaFreeHost(p); });
}

Runtime::~Runtime() {
  if (!host && stream_ != nullptr) cudaStreamSynchronize(asStream(stream_));
  device_.reset();
  staging_.reset();
  if (!host && stream_ != nullptr) cudaStreamDestroy(asStream(stream_));
}

std::uint32_t Runtime::alloc(std::size_t bytes) {
  void* p = device_->allocate(bytes == 0 ? 1 : bytes);
  if (p == nullptr) {
    throw OutOfMemoryError("out of device memory for a block of " + std::to_string(bytes) + " bytes (" +
                           std::to_string(device_->stats().inUseBytes) + " bytes in use)");
  }
  std::uint32_t handle;
  if (!freeHandles_.empty()) {
    handle = freeHandles_.back();
    freeHandles_.pop_back();
  } else {
    handle = static_cast<std::uint32_t>(blocks_.size());
    blocks_.emplace_back();
  }
  blocks_[handle] = Block{p, bytes};
  liveHandles_ += 1;
  return handle;
}

const Runtime::Block& Runtime::block(std::uint32_t handle) const {
  if (handle == 0 || handle >= blocks_.size() || blocks_[handle].ptr == nullptr) {
    throw UsageError("unknown or freed memory handle " + std::to_string(handle));
  }
  return blocks_[handle];
}

void Runtime::free(std::uint32_t handle) {
  const Block& b = block(handle);
  device_->release(b.ptr);
  blocks_[handle] = Block{};
  freeHandles_.push_back(handle);
  liveHandles_ -= 1;
}

void* Runtime::ptr(std::uint32_t handle) const { return block(handle).ptr; }
std::size_t Runtime::bytes(std::uint32_t handle) const { return block(handle).bytes; }

void Runtime::write(std::uint32_t handle, const void* src, std::size_t bytes) {
  const Block& b = block(handle);
  if (bytes > b.bytes) throw UsageError("write of " + std::to_string(bytes) + " bytes into a block of " + std::to_string(b.bytes));
  if (bytes == 0) return;
  if (host) {
    std::memcpy(b.ptr, src, bytes);
    return;
  }
  // From pageable memory the runtime stages the source before returning, so the caller's buffer
  // may be reused at once, and nothing waits for the device.
  check(cudaMemcpyAsync(b.ptr, src, bytes, cudaMemcpyHostToDevice, asStream(stream_)), "cudaMemcpyAsync (write)");
}

void Runtime::readSync(std::uint32_t handle, void* dst, std::size_t bytes) {
  const Block& b = block(handle);
  if (bytes > b.bytes) throw UsageError("read of " + std::to_string(bytes) + " bytes from a block of " + std::to_string(b.bytes));
  if (bytes == 0) return;
  if (host) {
    std::memcpy(dst, b.ptr, bytes);
    return;
  }
  check(cudaMemcpyAsync(dst, b.ptr, bytes, cudaMemcpyDeviceToHost, asStream(stream_)), "cudaMemcpyAsync (read)");
  check(cudaStreamSynchronize(asStream(stream_)), "cudaStreamSynchronize (read)");
}

void* Runtime::readAsync(std::uint32_t handle, std::size_t bytes, ReadDone done) {
  const Block& b = block(handle);
  if (bytes > b.bytes) throw UsageError("read of " + std::to_string(bytes) + " bytes from a block of " + std::to_string(b.bytes));
  void* staging = staging_->allocate(bytes == 0 ? 1 : bytes);
  if (staging == nullptr) throw OutOfMemoryError("out of pinned host memory for a read of " + std::to_string(bytes) + " bytes");
  if (host) {
    std::memcpy(staging, b.ptr, bytes);
    // Completion comes from another thread, as the stream's callback does on a GPU, so the
    // emulated runtime exercises the same hand-over to the JavaScript thread.
    std::thread(std::move(done)).detach();
    return staging;
  }
  try {
    if (bytes > 0) {
      check(cudaMemcpyAsync(staging, b.ptr, bytes, cudaMemcpyDeviceToHost, asStream(stream_)), "cudaMemcpyAsync (read)");
    }
    auto* callback = new ReadDone(std::move(done));
    const cudaError_t status = cudaLaunchHostFunc(
        asStream(stream_),
        [](void* p) {
          std::unique_ptr<ReadDone> f(static_cast<ReadDone*>(p));
          (*f)();
        },
        callback);
    if (status != cudaSuccess) {
      delete callback;
      check(status, "cudaLaunchHostFunc (read)");
    }
  } catch (...) {
    staging_->release(staging);
    throw;
  }
  return staging;
}

void Runtime::releaseStaging(void* staging) { staging_->release(staging); }

void Runtime::copy(std::uint32_t dst, std::uint32_t src, std::size_t bytes) {
  const Block& d = block(dst);
  const Block& s = block(src);
  if (bytes > d.bytes || bytes > s.bytes) throw UsageError("copy of " + std::to_string(bytes) + " bytes past a block's end");
  if (bytes == 0) return;
  if (host) {
    std::memmove(d.ptr, s.ptr, bytes);
    return;
  }
  check(cudaMemcpyAsync(d.ptr, s.ptr, bytes, cudaMemcpyDeviceToDevice, asStream(stream_)), "cudaMemcpyAsync (copy)");
}

void Runtime::synchronize() {
  if (!host) check(cudaStreamSynchronize(asStream(stream_)), "cudaStreamSynchronize");
}

void* Runtime::scratch(std::size_t bytes) {
  void* p = device_->allocate(bytes == 0 ? 1 : bytes);
  if (p == nullptr) throw OutOfMemoryError("out of device memory for " + std::to_string(bytes) + " bytes of scratch");
  return p;
}

void Runtime::releaseScratch(void* p) { device_->release(p); }

void Runtime::checkLaunch(const char* kernel) const {
  if (host) return;
  const cudaError_t status = cudaGetLastError();
  if (status != cudaSuccess) throw CudaError(std::string(kernel) + ": launch failed: " + errorText(status));
}

void Runtime::trimCache() {
  synchronize();
  device_->trim();
  staging_->trim();
}

}  // namespace tensile
