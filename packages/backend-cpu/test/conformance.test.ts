import { describe, it, beforeAll, afterAll } from 'vitest';
import { runConformanceSuite } from '@tensile/core/testing';
import { CpuBackend } from '../src/index.js';
runConformanceSuite({ name: 'cpu', create: () => new CpuBackend() }, { describe, it, beforeAll, afterAll });
