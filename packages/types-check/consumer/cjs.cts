// The same packages from CommonJS code (the packages' dist/*.d.cts).
import { memory, tensor, type Tensor } from '@tensile/core';
import { runConformanceSuite } from '@tensile/core/testing';
import { createCpuBackend } from '@tensile/backend-cpu';
import { createWasmBackend } from '@tensile/backend-wasm';
import { createWebGpuBackend } from '@tensile/backend-webgpu';
import { layers, sequential } from '@tensile/layers';

export function make(): Tensor {
  void [runConformanceSuite, createCpuBackend, createWasmBackend, createWebGpuBackend, memory];
  void sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
  return tensor([1, 2, 3]);
}
