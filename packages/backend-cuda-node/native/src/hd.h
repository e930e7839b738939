// Per-element arithmetic is written once, as functions both the GPU and the host can call: the
// kernels run it on the device, and the emulated runtime (runtime.h, `host`) runs the very same
// code on the CPU, which is how this machine, with no GPU, tests it against core's references.
#pragma once
#ifdef __CUDACC__
#define TENSILE_HD __host__ __device__
#else
#define TENSILE_HD
#endif
