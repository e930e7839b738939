/** Runs one kernel on the cpu backend (the oracle) and on a wasm backend, with the same inputs. */
import { CpuBackend } from '@tensile/backend-cpu';
import {
  kernelSpecs,
  type BackendValues,
  type DType,
  type KernelAttrs,
  type KernelName,
  type OutputInfo,
  type TensorInfo,
} from '@tensile/core';
import type { WasmBackend } from '../src/index.js';

export interface Input {
  readonly values: BackendValues;
  readonly shape: readonly number[];
  readonly dtype?: DType;
}

/** Deterministic values in [-1, 1) (a small LCG, so failures reproduce). */
export function randomInput(shape: readonly number[], seed = 1): Input {
  const n = shape.reduce((p, d) => p * d, 1);
  const values = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    values[i] = s / 2 ** 31 - 1;
  }
  return { values, shape };
}

type Infos = Record<string, TensorInfo | undefined>;
type AnyKernel = (backend: unknown, inputs: Infos, attrs: unknown, out: OutputInfo) => unknown;

function infer(name: KernelName, inputs: Record<string, Input>, attrs: unknown): OutputInfo {
  const spec: { infer(i: unknown, a: unknown): OutputInfo } = kernelSpecs[name];
  const shapes: Record<string, { shape: readonly number[]; dtype: DType }> = {};
  for (const [k, v] of Object.entries(inputs)) shapes[k] = { shape: v.shape, dtype: v.dtype ?? 'float32' };
  return spec.infer(shapes, attrs);
}

function runOn(
  backend: { write(v: BackendValues, d: DType): object; readSync(id: object): BackendValues; kernels: object },
  name: KernelName,
  inputs: Record<string, Input>,
  attrs: unknown,
  out: OutputInfo,
  readBack: readonly string[],
): BackendValues[] {
  const infos: Infos = {};
  for (const [k, v] of Object.entries(inputs)) {
    const dtype = v.dtype ?? 'float32';
    infos[k] = { dataId: backend.write(v.values, dtype), shape: v.shape, dtype };
  }
  const table: Record<string, AnyKernel> = backend.kernels as Record<string, AnyKernel>;
  const result = table[name](backend, infos, attrs, out);
  if (result !== undefined) return [backend.readSync(result as object)];
  return readBack.map((k) => backend.readSync((infos[k] as TensorInfo).dataId));
}

const cpu = new CpuBackend();

/**
 * The largest |wasm - cpu| relative to (atol + rtol * |cpu|) over all outputs; <= 1 passes.
 * In-place kernels compare the inputs named in `readBack` after the update.
 */
export function compare<K extends KernelName>(
  wasm: WasmBackend,
  name: K,
  inputs: Record<string, Input>,
  attrs: KernelAttrs<K>,
  tol = { rtol: 1e-4, atol: 1e-5 },
  readBack: readonly string[] = [],
): number {
  const out = infer(name, inputs, attrs);
  const want = runOn(cpu, name, inputs, attrs, out, readBack);
  const got = runOn(wasm, name, inputs, attrs, out, readBack);
  let worst = 0;
  for (let j = 0; j < want.length; j++) {
    if (want[j].length !== got[j].length) return Infinity;
    for (let i = 0; i < want[j].length; i++) {
      const w = want[j][i];
      const g = got[j][i];
      if (Number.isNaN(w) && Number.isNaN(g)) continue;
      const err = Math.abs(w - g) / (tol.atol + tol.rtol * Math.abs(w));
      if (!(err <= worst)) worst = Number.isNaN(err) ? Infinity : err;
    }
  }
  return worst;
}
