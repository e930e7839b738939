// CommonJS code sees the packages' dist/*.d.cts (the "require" conditions).
import { tensor, type Tensor } from '@tensile/core';
import { runConformanceSuite } from '@tensile/core/testing';
import { createWasmBackend, type WasmBackend } from '@tensile/backend-wasm';
import { layers, sequential, type Sequential } from '@tensile/layers';

export const backend: WasmBackend = createWasmBackend({ threads: 1 });
export const model: Sequential = sequential([layers.dense({ units: 1, inputShape: [3] })]);
export const x: Tensor = tensor([[1, 2, 3]]);
export const suite: typeof runConformanceSuite = runConformanceSuite;
