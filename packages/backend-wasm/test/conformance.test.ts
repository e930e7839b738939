import { afterAll, beforeAll, describe, it } from 'vitest';
import { CpuBackend } from '@tensile/backend-cpu';
import { runConformanceSuite } from '@tensile/core/testing';
import { createWasmBackend } from '../src/index.js';

const runner = { describe, it, beforeAll, afterAll };
// Tensors move to the cpu backend and back, across two storage kinds.
const moveTarget = (): CpuBackend => new CpuBackend();

// The same suite twice: on the plain SIMD build with no workers, and on the shared-memory build
// with workers, where every kernel is split however small its input (the suite's tensors are
// below the sizes that split by default), so the threaded paths are the ones checked. The
// relaxed-SIMD builds have their own file (conformance-relaxed.test.ts).
runConformanceSuite({ name: 'wasm', create: () => createWasmBackend({ threads: 1, relaxedSimd: false }), moveTarget }, runner);
runConformanceSuite(
  { name: 'wasm-threads', create: () => createWasmBackend({ threads: 3, forceParallel: true, relaxedSimd: false }), moveTarget },
  runner,
);
