// The Node-API surface: probe the device, create a Device (the real one, or the host emulation),
// and on it allocate, copy, read (sync, or async resolved from the stream's completion), and run
// kernels by index. Plus the host-side pieces the unit tests reach directly: launch geometry,
// size buckets, and a CachingAllocator over a test allocator that can be made to run out.
#include <napi.h>

#include <cstring>
#include <exception>
#include <memory>
#include <string>

#include "allocator.h"
#include "codes.h"
#include "error.h"
#include "geometry.h"
#include "kernels.h"
#include "runtime.h"

namespace tensile {

namespace {

/** Runs f, turning this addon's C++ exceptions into JS errors with a `code` the TS side maps. */
template <class F>
auto guard(Napi::Env env, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Napi::Error&) {
    throw;
  } catch (const OutOfMemoryError& e) {
    Napi::Error err = Napi::Error::New(env, e.what());
    err.Set("code", Napi::String::New(env, "CUDA_OUT_OF_MEMORY"));
    throw err;
  } catch (const UsageError& e) {
    Napi::Error err = Napi::Error::New(env, e.what());
    err.Set("code", Napi::String::New(env, "CUDA_USAGE"));
    throw err;
  } catch (const std::exception& e) {
    Napi::Error err = Napi::Error::New(env, e.what());
    err.Set("code", Napi::String::New(env, "CUDA_ERROR"));
    throw err;
  }
}

std::uint32_t u32(const Napi::Value& v, const char* what) {
  if (!v.IsNumber()) throw UsageError(std::string(what) + " must be a number");
  return v.As<Napi::Number>().Uint32Value();
}

std::size_t size(const Napi::Value& v, const char* what) {
  if (!v.IsNumber()) throw UsageError(std::string(what) + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (d < 0 || d > 9007199254740991.0) throw UsageError(std::string(what) + " out of range");
  return static_cast<std::size_t>(d);
}

Napi::Object statsObject(Napi::Env env, const AllocatorStats& s) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("inUseBytes", static_cast<double>(s.inUseBytes));
  o.Set("cachedBytes", static_cast<double>(s.cachedBytes));
  o.Set("inUseBlocks", static_cast<double>(s.inUseBlocks));
  o.Set("cachedBlocks", static_cast<double>(s.cachedBlocks));
  o.Set("rawAllocs", static_cast<double>(s.rawAllocs));
  o.Set("rawFrees", static_cast<double>(s.rawFrees));
  o.Set("reuses", static_cast<double>(s.reuses));
  o.Set("trims", static_cast<double>(s.trims));
  return o;
}

Napi::Array stringArray(Napi::Env env, const char* const* names, std::size_t count) {
  Napi::Array a = Napi::Array::New(env, count);
  for (std::size_t i = 0; i < count; ++i) a.Set(static_cast<std::uint32_t>(i), names[i]);
  return a;
}

class Device;

struct ReadJob {
  Device* device;
  Napi::Promise::Deferred deferred;
  void* staging = nullptr;
  std::size_t bytes = 0;
};

void finishRead(Napi::Env env, Napi::Function, std::nullptr_t*, ReadJob* job);
using ReadTsfn = Napi::TypedThreadSafeFunction<std::nullptr_t, ReadJob, finishRead>;

class Device : public Napi::ObjectWrap<Device> {
 public:
  static Napi::Function Init(Napi::Env env) {
    return DefineClass(env, "Device",
                       {
                           InstanceMethod<&Device::Alloc>("alloc"),
                           InstanceMethod<&Device::Free>("free"),
                           InstanceMethod<&Device::Write>("write"),
                           InstanceMethod<&Device::ReadSync>("readSync"),
                           InstanceMethod<&Device::Read>("read"),
                           InstanceMethod<&Device::Copy>("copy"),
                           InstanceMethod<&Device::Run>("run"),
                           InstanceMethod<&Device::Synchronize>("synchronize"),
                           InstanceMethod<&Device::Memory>("memory"),
                           InstanceMethod<&Device::Trim>("trim"),
                           InstanceMethod<&Device::Info>("info"),
                           InstanceMethod<&Device::Dispose>("dispose"),
                       });
  }

  explicit Device(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Device>(info) {
    const bool emulate = info.Length() > 0 && info[0].ToBoolean().Value();
    guard(info.Env(), [&] {
      rt_ = std::make_unique<Runtime>(emulate);
      return 0;
    });
  }

  /** Called on the JS thread when a read's data has landed in its staging block. */
  void readLanded(Napi::Env env, ReadJob* job) {
    pendingReads_ -= 1;
    if (env != nullptr && rt_) {
      Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(env, job->bytes);
      if (job->bytes > 0) std::memcpy(buffer.Data(), job->staging, job->bytes);
      rt_->releaseStaging(job->staging);
      job->deferred.Resolve(buffer);
    }
    if (disposing_ && pendingReads_ == 0) rt_.reset();
    Unref();
  }

 private:
  Runtime& rt() {
    if (!rt_ || disposing_) throw UsageError("the CUDA device was disposed");
    return *rt_;
  }

  Napi::Value Alloc(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] { return Napi::Number::New(info.Env(), rt().alloc(size(info[0], "bytes"))); });
  }

  Napi::Value Free(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] {
      rt().free(u32(info[0], "handle"));
      return info.Env().Undefined();
    });
  }

  Napi::Value Write(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] {
      if (!info[1].IsTypedArray()) throw UsageError("write: values must be a typed array");
      Napi::TypedArray values = info[1].As<Napi::TypedArray>();
      const auto* data = static_cast<const std::uint8_t*>(values.ArrayBuffer().Data()) + values.ByteOffset();
      rt().write(u32(info[0], "handle"), data, values.ByteLength());
      return info.Env().Undefined();
    });
  }

  Napi::Value ReadSync(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] {
      const std::size_t bytes = size(info[1], "bytes");
      Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(info.Env(), bytes);
      rt().readSync(u32(info[0], "handle"), buffer.Data(), bytes);
      return buffer;
    });
  }

  Napi::Value Read(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    return guard(env, [&]() -> Napi::Value {
      const std::uint32_t handle = u32(info[0], "handle");
      const std::size_t bytes = size(info[1], "bytes");
      Runtime& runtime = rt();
      auto* job = new ReadJob{this, Napi::Promise::Deferred::New(env), nullptr, bytes};
      Napi::Promise promise = job->deferred.Promise();
      ReadTsfn tsfn = ReadTsfn::New(env, "tensile-cuda-read", 0, 1, nullptr);
      try {
        job->staging = runtime.readAsync(handle, bytes, [tsfn, job]() mutable {
          tsfn.NonBlockingCall(job);
          tsfn.Release();
        });
      } catch (...) {
        tsfn.Release();
        delete job;
        throw;
      }
      pendingReads_ += 1;
      Ref();  // the Device outlives its reads
      return promise;
    });
  }

  Napi::Value Copy(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] {
      rt().copy(u32(info[0], "dst"), u32(info[1], "src"), size(info[2], "bytes"));
      return info.Env().Undefined();
    });
  }

  // run(kernelIndex, handles: Uint32Array, ints: Int32Array, floats: Float64Array)
  Napi::Value Run(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] {
      const std::uint32_t index = u32(info[0], "kernel");
      if (index >= kNumKernels) throw UsageError("run: no kernel number " + std::to_string(index));
      if (!info[1].IsTypedArray() || !info[2].IsTypedArray() || !info[3].IsTypedArray()) {
        throw UsageError(std::string(kKernels[index].name) + ": handles, ints and floats must be typed arrays");
      }
      auto handles = info[1].As<Napi::Uint32Array>();
      auto ints = info[2].As<Napi::Int32Array>();
      auto floats = info[3].As<Napi::Float64Array>();
      const KernelArgs args{handles.Data(), handles.ElementLength(), ints.Data(), ints.ElementLength(), floats.Data(), floats.ElementLength()};
      Reader reader(rt(), args, kKernels[index].name);
      kKernels[index].run(reader);
      return info.Env().Undefined();
    });
  }

  Napi::Value Synchronize(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] {
      rt().synchronize();
      return info.Env().Undefined();
    });
  }

  Napi::Value Memory(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] {
      Napi::Object o = Napi::Object::New(info.Env());
      o.Set("device", statsObject(info.Env(), rt().deviceStats()));
      o.Set("staging", statsObject(info.Env(), rt().stagingStats()));
      o.Set("liveHandles", static_cast<double>(rt().liveHandles()));
      o.Set("pendingReads", static_cast<double>(pendingReads_));
      return o;
    });
  }

  Napi::Value Trim(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] {
      rt().trimCache();
      return info.Env().Undefined();
    });
  }

  Napi::Value Info(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] {
      const DeviceInfo& d = rt().info();
      Napi::Object o = Napi::Object::New(info.Env());
      o.Set("emulated", rt().host);
      o.Set("name", d.name);
      o.Set("computeCapability", std::to_string(d.major) + "." + std::to_string(d.minor));
      o.Set("smCount", rt().smCount);
      o.Set("totalMemory", static_cast<double>(d.totalMemory));
      o.Set("driverVersion", d.driverVersion);
      o.Set("runtimeVersion", d.runtimeVersion);
      return o;
    });
  }

  Napi::Value Dispose(const Napi::CallbackInfo& info) {
    if (!disposing_) {
      disposing_ = true;
      // Reads still in flight hold staging blocks: the last one to land frees the runtime.
      if (pendingReads_ == 0) rt_.reset();
    }
    return info.Env().Undefined();
  }

  std::unique_ptr<Runtime> rt_;
  std::size_t pendingReads_ = 0;
  bool disposing_ = false;
};

void finishRead(Napi::Env env, Napi::Function, std::nullptr_t*, ReadJob* job) {
  job->device->readLanded(env, job);
  delete job;
}

/** A CachingAllocator over plain host memory with an adjustable limit, so the tests can check
 *  its bookkeeping: bucket reuse, the trim-and-retry when the raw allocator runs out. */
class TestAllocator : public Napi::ObjectWrap<TestAllocator> {
 public:
  static Napi::Function Init(Napi::Env env) {
    return DefineClass(env, "TestAllocator",
                       {
                           InstanceMethod<&TestAllocator::Allocate>("allocate"),
                           InstanceMethod<&TestAllocator::Release>("release"),
                           InstanceMethod<&TestAllocator::Trim>("trim"),
                           InstanceMethod<&TestAllocator::Stats>("stats"),
                           InstanceMethod<&TestAllocator::SetLimit>("setLimit"),
                       });
  }

  explicit TestAllocator(const Napi::CallbackInfo& info) : Napi::ObjectWrap<TestAllocator>(info) {
    allocator_ = std::make_unique<CachingAllocator>(
        [this](std::size_t bytes) -> void* {
          if (rawBytes_ + bytes > limit_) return nullptr;
          void* p = std::malloc(bytes);
          if (p != nullptr) {
            rawBytes_ += bytes;
            rawSizes_[p] = bytes;
          }
          return p;
        },
        [this](void* p) {
          rawBytes_ -= rawSizes_[p];
          rawSizes_.erase(p);
          std::free(p);
        },
        info.Length() > 0 && info[0].ToBoolean().Value());
  }
  ~TestAllocator() override { allocator_.reset(); }

 private:
  // Returns an id for the block (or -1 when out of memory); ids index `blocks_`.
  Napi::Value Allocate(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] {
      void* p = allocator_->allocate(size(info[0], "bytes"));
      if (p == nullptr) return Napi::Number::New(info.Env(), -1);
      blocks_.push_back(p);
      return Napi::Number::New(info.Env(), static_cast<double>(blocks_.size() - 1));
    });
  }
  Napi::Value Release(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] {
      const std::uint32_t id = u32(info[0], "id");
      if (id >= blocks_.size() || blocks_[id] == nullptr) throw UsageError("release: no live block " + std::to_string(id));
      allocator_->release(blocks_[id]);
      blocks_[id] = nullptr;
      return info.Env().Undefined();
    });
  }
  Napi::Value Trim(const Napi::CallbackInfo& info) {
    allocator_->trim();
    return info.Env().Undefined();
  }
  Napi::Value Stats(const Napi::CallbackInfo& info) {
    Napi::Object o = statsObject(info.Env(), allocator_->stats());
    o.Set("rawBytes", static_cast<double>(rawBytes_));
    return o;
  }
  Napi::Value SetLimit(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] {
      limit_ = size(info[0], "limit");
      return info.Env().Undefined();
    });
  }

  std::unique_ptr<CachingAllocator> allocator_;
  std::vector<void*> blocks_;
  std::unordered_map<void*, std::size_t> rawSizes_;
  std::size_t rawBytes_ = 0;
  std::size_t limit_ = SIZE_MAX;
};

Napi::Value Probe(const Napi::CallbackInfo& info) {
  return guard(info.Env(), [&] {
    const DeviceInfo d = Runtime::probe();
    Napi::Object o = Napi::Object::New(info.Env());
    o.Set("ok", d.ok);
    o.Set("reason", d.reason);
    o.Set("name", d.name);
    o.Set("computeCapability", std::to_string(d.major) + "." + std::to_string(d.minor));
    o.Set("smCount", d.smCount);
    o.Set("totalMemory", static_cast<double>(d.totalMemory));
    o.Set("driverVersion", d.driverVersion);
    o.Set("runtimeVersion", d.runtimeVersion);
    return o;
  });
}

Napi::Value Names(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  Napi::Array kernels = Napi::Array::New(env, kNumKernels);
  for (std::size_t i = 0; i < kNumKernels; ++i) kernels.Set(static_cast<std::uint32_t>(i), kKernels[i].name);
  o.Set("kernels", kernels);
  o.Set("unary", stringArray(env, codes::kUnaryNames, codes::kUnaryCount));
  o.Set("binary", stringArray(env, codes::kBinaryNames, codes::kBinaryCount));
  o.Set("reduce", stringArray(env, codes::kReduceNames, codes::kReduceCount));
  o.Set("activation", stringArray(env, codes::kActivationNames, codes::kActivationCount));
  return o;
}

Napi::Value ElementwiseGeometry(const Napi::CallbackInfo& info) {
  return guard(info.Env(), [&] {
    const Geometry g = elementwiseGeometry(static_cast<std::int64_t>(size(info[0], "n")), static_cast<int>(u32(info[1], "smCount")));
    Napi::Object o = Napi::Object::New(info.Env());
    o.Set("blocks", g.blocks);
    o.Set("threads", g.threads);
    return o;
  });
}

Napi::Value GemmGeometry(const Napi::CallbackInfo& info) {
  return guard(info.Env(), [&] {
    std::int64_t v[8];
    for (int i = 0; i < 8; ++i) v[i] = static_cast<std::int64_t>(size(info[i], "gemm geometry argument"));
    const GemmGrid g = gemmGrid(v[0], v[1], v[2], v[3], static_cast<int>(v[4]), static_cast<int>(v[5]), static_cast<int>(v[6]), static_cast<int>(v[7]));
    Napi::Object o = Napi::Object::New(info.Env());
    o.Set("tilesM", g.tilesM);
    o.Set("tilesN", g.tilesN);
    o.Set("splits", g.splits);
    o.Set("kChunk", static_cast<double>(g.kChunk));
    return o;
  });
}

Napi::Value BucketSize(const Napi::CallbackInfo& info) {
  return guard(info.Env(), [&] { return Napi::Number::New(info.Env(), static_cast<double>(CachingAllocator::bucketSize(size(info[0], "bytes")))); });
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("Device", Device::Init(env));
  exports.Set("TestAllocator", TestAllocator::Init(env));
  exports.Set("probe", Napi::Function::New(env, Probe));
  exports.Set("names", Napi::Function::New(env, Names));
  exports.Set("elementwiseGeometry", Napi::Function::New(env, ElementwiseGeometry));
  exports.Set("gemmGeometry", Napi::Function::New(env, GemmGeometry));
  exports.Set("bucketSize", Napi::Function::New(env, BucketSize));
  return exports;
}

}  // namespace

}  // namespace tensile

static Napi::Object InitTensileCuda(Napi::Env env, Napi::Object exports) { return tensile::Init(env, exports); }

NODE_API_MODULE(tensile_cuda, InitTensileCuda)
