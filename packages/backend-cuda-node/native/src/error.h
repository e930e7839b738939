// Errors the addon throws to JavaScript. Kernels and the runtime throw these C++ exceptions; the
// bindings (addon.cc) turn them into JS errors whose message the TypeScript side shows as is.
#pragma once
#include <stdexcept>
#include <string>

namespace tensile {

/** A CUDA runtime call failed: the message names the call and CUDA's own error text. */
class CudaError : public std::runtime_error {
 public:
  explicit CudaError(const std::string& what) : std::runtime_error(what) {}
};

/** A caller broke the addon's calling convention (wrong parameter count, unknown handle). */
class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& what) : std::runtime_error(what) {}
};

/** The device has no memory left for a block of this size, even after the cache is emptied. */
class OutOfMemoryError : public std::runtime_error {
 public:
  explicit OutOfMemoryError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace tensile
