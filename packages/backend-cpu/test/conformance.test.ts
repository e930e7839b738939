import { describe, it, beforeAll, afterAll } from 'vitest';
import { runConformanceSuite } from '@tensile/core/testing';
import { CpuBackend } from '../src/index.js';

// The move cases need a second backend; another CpuBackend instance is one as far as the engine knows.
runConformanceSuite(
  { name: 'cpu', create: () => new CpuBackend(), moveTarget: () => new CpuBackend() },
  { describe, it, beforeAll, afterAll },
);
