// The two shapes every kernel here takes, each with its device launch and its host emulation:
//
//  - forEach(rt, name, n, f): f(i) for every i in [0, n), a grid-stride loop on the device.
//  - runBlocks(rt, name, grid, program): a block program, for kernels that share memory within a
//    block. A program is a sequence of phases separated by barriers; phase k runs
//    `program.phase(k, shared, state, tid, block)` on every thread of the block, then all threads
//    synchronise. On the host the same phases run thread by thread, so a program that is right on
//    the host (every barrier where the device needs one) is right on the device.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "geometry.h"
#include "hd.h"
#include "runtime.h"

namespace tensile {

template <class F>
__global__ void forEachKernel(F f, std::int64_t n) {
  const std::int64_t stride = static_cast<std::int64_t>(gridDim.x) * blockDim.x;
  for (std::int64_t i = static_cast<std::int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += stride) f(i);
}

template <class F>
void forEach(Runtime& rt, const char* name, std::int64_t n, const F& f) {
  if (n <= 0) return;
  const Geometry g = elementwiseGeometry(n, rt.smCount);
  if (rt.host) {
    const std::int64_t stride = static_cast<std::int64_t>(g.blocks) * g.threads;
    for (std::uint32_t b = 0; b < g.blocks; ++b) {
      for (std::uint32_t t = 0; t < g.threads; ++t) {
        for (std::int64_t i = static_cast<std::int64_t>(b) * g.threads + t; i < n; i += stride) f(i);
      }
    }
    return;
  }
  forEachKernel<<<g.blocks, g.threads, 0, static_cast<cudaStream_t>(rt.stream())>>>(f, n);
  rt.checkLaunch(name);
}

struct BlockIndex {
  std::uint32_t x, y, z;
};

struct BlockGrid {
  std::uint32_t x = 1, y = 1, z = 1;
};

template <class P>
__global__ void __launch_bounds__(P::kThreads) blockKernel(P program) {
  __shared__ typename P::Shared shared;
  typename P::Thread state;
  const BlockIndex block{blockIdx.x, blockIdx.y, blockIdx.z};
  const int phases = program.phases();
  for (int k = 0; k < phases; ++k) {
    program.phase(k, shared, state, threadIdx.x, block);
    __syncthreads();
  }
}

template <class P>
void runBlocks(Runtime& rt, const char* name, BlockGrid grid, const P& program) {
  if (grid.x == 0 || grid.y == 0 || grid.z == 0) return;
  if (rt.host) {
    auto shared = std::make_unique<typename P::Shared>();
    std::vector<typename P::Thread> states(P::kThreads);
    const int phases = program.phases();
    for (std::uint32_t z = 0; z < grid.z; ++z) {
      for (std::uint32_t y = 0; y < grid.y; ++y) {
        for (std::uint32_t x = 0; x < grid.x; ++x) {
          const BlockIndex block{x, y, z};
          for (int k = 0; k < phases; ++k) {
            for (unsigned tid = 0; tid < P::kThreads; ++tid) program.phase(k, *shared, states[tid], tid, block);
          }
        }
      }
    }
    return;
  }
  blockKernel<P><<<dim3(grid.x, grid.y, grid.z), P::kThreads, 0, static_cast<cudaStream_t>(rt.stream())>>>(program);
  rt.checkLaunch(name);
}

}  // namespace tensile
