// An application's code as it would import Tensile (ESM: the packages' dist/*.d.ts).
import {
  fused,
  matMul,
  memory,
  registerBackend,
  setBackend,
  tensor2d,
  tidy,
  type Backend,
  type FusedActivation,
  type Tensor,
} from '@tensile/core';
import { checkGradients, runConformanceSuite, type ConformanceOptions } from '@tensile/core/testing';
import { CpuBackend, createCpuBackend } from '@tensile/backend-cpu';
import { createWasmBackend, type WasmBackendOptions } from '@tensile/backend-wasm';
import { createWebGpuBackend, type WebGpuBackend } from '@tensile/backend-webgpu';
import { layers, sequential, type Sequential } from '@tensile/layers';

export async function run(): Promise<number[]> {
  const wasmOptions: WasmBackendOptions = { threads: 2 };
  registerBackend('wasm-2', () => createWasmBackend(wasmOptions), 0);
  const gpu: WebGpuBackend = createWebGpuBackend({ allowSoftware: true });
  const backends: Backend[] = [new CpuBackend(), createCpuBackend(), gpu];
  await setBackend('cpu');
  const activation: FusedActivation = 'relu';
  const sameActivation: fused.FusedActivation = activation;
  const y: Tensor = tidy(() => fused.matMul({ a: tensor2d([[1, 2]]), b: tensor2d([[3], [4]]), activation: sameActivation }));
  const model: Sequential = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const conformance: ConformanceOptions = { name: 'cpu', create: () => new CpuBackend() };
  void [runConformanceSuite, checkGradients, conformance, backends, matMul];
  // Chaining methods are typed in the shipped declarations (tensor.ts merges them into Tensor).
  const chained: Tensor = tidy(() => y.square().sum(0, true).reshape([1]));
  const values = [...Array.from(await y.data()), ...Array.from(await chained.data())];
  y.dispose();
  chained.dispose();
  return [...values, memory().numTensors];
}
