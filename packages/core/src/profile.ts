/**
 * `time(f)` and `profile(f)`, shaped as TensorFlow.js 4.22's, from what the engine sees: each
 * backend kernel call (its inputs, output and how long the backend's kernel function took) and the
 * engine's tensor and byte counts.
 */
import { observeDispatch, type KernelCall } from './dispatch.js';
import type { KernelName } from './kernels/signatures.js';
import { ENGINE } from './engine.js';
import { TensileError } from './errors.js';
import { fill } from './ops/fill.js';
import type { Tensor } from './tensor.js';

/**
 * Backends whose kernels finish their work before they return, so the time spent in the kernel
 * call is the time the kernel took. GPU backends (and CUDA's streams) only queue it.
 */
const COMPUTES_IN_CALL = new Set(['cpu', 'wasm']);

/** What TF.js reports where kernel times cannot be measured. */
export interface TimingError {
  error: string;
}

export interface TimingInfo {
  /** From the call to `f` until the work it queued on the active backend has finished. */
  wallMs: number;
  /** Milliseconds inside backend kernels, where they compute when called (cpu, wasm). */
  kernelMs: number | TimingError;
}

export interface KernelInfo {
  /** The op as users call it (`add`, `sum`, `conv2d`); the kernel that ran is `kernel`. */
  name: string;
  kernel: KernelName;
  /** Registry name of the backend it ran on. */
  backend: string;
  bytesAdded: number;
  totalBytesSnapshot: number;
  tensorsAdded: number;
  totalTensorsSnapshot: number;
  inputShapes: number[][];
  outputShapes: number[][];
  kernelTimeMs: number | TimingError;
  extraInfo: string;
}

export interface ProfileInfo<T = unknown> {
  /** Bytes alive after `f` minus before it. */
  newBytes: number;
  newTensors: number;
  /** Most bytes alive at once during `f` (all tensors, not only f's, as in TF.js), sampled after each kernel. */
  peakBytes: number;
  kernels: KernelInfo[];
  /** The distinct `name`s of `kernels`, in order of first call. */
  kernelNames: string[];
  result: T;
}

function unmeasured(backendKind: string): TimingError {
  return { error: `kernel times are measured only on backends that compute in the call (cpu, wasm); '${backendKind}' queues its work` };
}

function backendKind(inputs: readonly Tensor[], output: Tensor | null): string {
  const t = output ?? inputs[0];
  return t ? t.handle.backend.kind : ENGINE.backend().kind;
}

/** Resolves when the active backend has finished what was queued before: a read waits for it. */
async function settle(): Promise<void> {
  const probe = fill([1], 0);
  try {
    await probe.data();
  } finally {
    probe.dispose();
  }
}

/**
 * Times `f` (synchronous, as in TF.js): wall time until the active backend is idle again, and the
 * time inside kernels where a backend computes in the call; elsewhere `kernelMs` says why not.
 */
export async function time(f: () => void): Promise<TimingInfo> {
  if (typeof f !== 'function') throw new TensileError(`time: f must be a function, got ${typeof f}`);
  let kernelMs = 0;
  let queued: string | null = null;
  const stop = observeDispatch({
    call: () => undefined,
    gradient: () => undefined,
    done: (_call, _op, inputs, output, ms) => {
      const kind = backendKind(inputs, output);
      if (COMPUTES_IN_CALL.has(kind)) kernelMs += ms;
      else queued = kind;
    },
  });
  const start = performance.now();
  try {
    f();
  } finally {
    stop();
  }
  await settle();
  const wallMs = performance.now() - start;
  return { wallMs, kernelMs: queued === null ? kernelMs : unmeasured(queued) };
}

/**
 * Runs `f` and reports each kernel it called, the bytes and tensors it left alive, and the peak
 * bytes alive during it. Reshapes are views and run no kernel, so they are not listed; an
 * optional kernel the backend lacks is listed as the kernels of its decomposition.
 */
export async function profile<T>(f: () => T | Promise<T>): Promise<ProfileInfo<T>> {
  if (typeof f !== 'function') throw new TensileError(`profile: f must be a function, got ${typeof f}`);
  const startMemory = ENGINE.memory();
  let peakBytes = startMemory.numBytes;
  let before = { bytes: startMemory.numBytes, tensors: startMemory.numTensors };
  const kernels: KernelInfo[] = [];
  const snapshot = (): { bytes: number; tensors: number } => {
    const m = ENGINE.memory();
    return { bytes: m.numBytes, tensors: m.numTensors };
  };
  const stop = observeDispatch({
    call: (call: KernelCall) => {
      if (call.ran === 'kernel') before = snapshot();
    },
    gradient: () => undefined,
    done: (call, op, inputs, output, ms) => {
      const after = snapshot();
      peakBytes = Math.max(peakBytes, after.bytes);
      const kind = backendKind(inputs, output);
      kernels.push({
        name: op,
        kernel: call.kernel,
        backend: call.backend,
        bytesAdded: after.bytes - before.bytes,
        totalBytesSnapshot: after.bytes,
        tensorsAdded: after.tensors - before.tensors,
        totalTensorsSnapshot: after.tensors,
        inputShapes: inputs.map((t) => [...t.shape]),
        outputShapes: output ? [[...output.shape]] : [],
        kernelTimeMs: COMPUTES_IN_CALL.has(kind) ? ms : unmeasured(kind),
        extraInfo: '',
      });
    },
  });
  let result: T;
  try {
    result = await f();
  } finally {
    stop();
  }
  const end = snapshot();
  peakBytes = Math.max(peakBytes, end.bytes);
  return {
    newBytes: end.bytes - startMemory.numBytes,
    newTensors: end.tensors - startMemory.numTensors,
    peakBytes,
    kernels,
    kernelNames: [...new Set(kernels.map((k) => k.name))],
    result,
  };
}
