import { registerBackend, setBackend } from '@tensile/core';
import { createWasmBackend, supportsSimd, type WasmBackend, type WasmBackendOptions } from '@tensile/backend-wasm';
import { compute } from './model.js';

const options: WasmBackendOptions = { threads: 1, relaxedSimd: false };
const backend: WasmBackend = createWasmBackend(options);
registerBackend('wasm-typed', () => backend, 0);
await setBackend('wasm-typed');
export const result = { ...(await compute()), simd: supportsSimd() };
