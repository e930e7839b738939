import {
  AllocationError,
  ArgumentError,
  BackendUnavailableError,
  type Backend,
  type BackendCapabilities,
  type BackendMemory,
  type BackendValues,
  type DataId,
  type DType,
  type TensorInfo,
} from '@tensile/core';
import { GPU, type IKernelRunShortcut, type Texture } from 'gpu.js';
import { webglKernels } from './kernels/index.js';
import { createHeadlessGpu } from './node-gl.js';
import { HOST_COPY_LIMIT, TextureStore, fromFloats, toFloats, type Stored } from './storage.js';

export interface WebGlBackendOptions {
  /** A canvas to draw with (an OffscreenCanvas or an HTMLCanvasElement); one is made when left out. */
  readonly canvas?: HTMLCanvasElement | OffscreenCanvas;
  /** Refuse WebGL1 when WebGL2 is missing, instead of falling back to it. */
  readonly requireWebGl2?: boolean;
}

const OPTIONS: { readonly [K in keyof WebGlBackendOptions]-?: true } = { canvas: true, requireWebGl2: true };

/** A GLSL function a program's kernel calls; gpu.js pastes it into the shader as written. */
export interface NativeFunction {
  readonly name: string;
  readonly source: string;
}

/**
 * One gpu.js kernel. `source` is a JavaScript function over the flat output index
 * `this.thread.x`, taking the input tensors first (as 1-D arrays) and then the scalars (floats),
 * in the order `run` gets them. `key` names everything the source depends on and nothing that
 * varies per call (shapes travel as scalar arguments), so one compiled kernel serves every shape.
 */
export interface Program {
  readonly key: string;
  readonly source: () => string;
  readonly natives?: () => readonly NativeFunction[];
}

/** Where the kernels run: a browser's WebGL2 or WebGL1, or headless-gl (WebGL1) in Node. */
export type WebGlMode = 'webgl2' | 'webgl' | 'headlessgl';

interface Live {
  readonly gpu: GPU;
  readonly mode: WebGlMode;
  readonly upload: IKernelRunShortcut;
  /** Bound where an input tensor is empty: gpu.js cannot bind a texture of size 0, and a kernel
   *  with an empty input never reads it. */
  readonly placeholder: Texture;
}

// Loops in the kernels have bounds that are uniforms; gpu.js runs such a loop under a counter
// that stops at this many iterations.
const LOOP_MAX = 1 << 24;

function makeCanvas(): HTMLCanvasElement | OffscreenCanvas | null {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(1, 1);
  if (typeof document !== 'undefined') return document.createElement('canvas');
  return null;
}

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/**
 * gpu.js kernels in pipeline mode: every tensor stays a Texture on the GPU between kernels, and
 * values come back only through `read`/`readSync` (WebGL's readPixels, which blocks).
 */
export class WebGlBackend implements Backend {
  readonly kind = 'webgl';
  readonly capabilities: BackendCapabilities = { syncRead: true };
  /** Reads that waited on a WebGL2 fence instead of blocking in readPixels. */
  private fencedReads = 0;
  readonly kernels = webglKernels;
  maxTensorBytes = 0;
  /** 'webgl2', 'webgl' where the browser has no WebGL2, or 'headlessgl' in Node; set by `init`. */
  mode: WebGlMode | null = null;

  private live: Live | null = null;
  private starting: Promise<void> | null = null;
  private readonly store = new TextureStore();
  private readonly programs = new Map<string, IKernelRunShortcut>();
  private compiling = 0;

  constructor(private readonly options: WebGlBackendOptions = {}) {
    for (const key of Object.keys(options)) {
      if (!Object.hasOwn(OPTIONS, key)) {
        throw new ArgumentError(`createWebGlBackend: unknown option '${key}'; the options are ${Object.keys(OPTIONS).join(', ')}`);
      }
    }
  }

  /**
   * In a browser: a WebGL2 context (WebGL1 where there is none), synchronously. In Node, where
   * there is neither OffscreenCanvas nor document: gpu.js in its headlessgl mode on headless-gl,
   * asynchronously, or BackendUnavailableError saying what to install or run.
   */
  init(): void | Promise<void> {
    if (this.live !== null) return;
    const canvas = this.options.canvas ?? makeCanvas();
    if (canvas === null) {
      if (!isNode()) {
        throw new BackendUnavailableError(
          'webgl: no canvas here (neither OffscreenCanvas nor document); run in a browser, or in Node with headless-gl',
        );
      }
      this.starting ??= this.initHeadless().finally(() => {
        this.starting = null;
      });
      return this.starting;
    }
    let mode: 'webgl2' | 'webgl' = 'webgl2';
    let context = canvas.getContext('webgl2', { premultipliedAlpha: false, preserveDrawingBuffer: false }) as
      | WebGL2RenderingContext
      | WebGLRenderingContext
      | null;
    if (context === null && this.options.requireWebGl2 !== true) {
      mode = 'webgl';
      context = canvas.getContext('webgl', { premultipliedAlpha: false }) as WebGLRenderingContext | null;
    }
    if (context === null) {
      throw new BackendUnavailableError(
        `webgl: this browser gives no ${this.options.requireWebGl2 === true ? 'WebGL2' : 'WebGL2 or WebGL'} context (hardware acceleration off, or a GPU blocklist); use the wasm or cpu backend`,
      );
    }
    if (mode === 'webgl' && context.getExtension('OES_texture_float') === null) {
      throw new BackendUnavailableError('webgl: WebGL1 without OES_texture_float cannot hold float32 tensors; use the wasm or cpu backend');
    }
    this.start(new GPU({ mode, canvas, context }), mode);
  }

  private async initHeadless(): Promise<void> {
    if (this.options.requireWebGl2 === true) {
      throw new BackendUnavailableError(
        'webgl: requireWebGl2 was asked for, but headless-gl in Node gives WebGL1 only; leave the option out in Node',
      );
    }
    const made = await createHeadlessGpu();
    if ('reason' in made) throw new BackendUnavailableError(made.reason);
    if (this.live !== null) {
      made.gpu.destroy();
      return;
    }
    this.start(made.gpu, 'headlessgl');
  }

  /** Compiles the two kernels every backend needs; the first one creates gpu.js's context when
   *  it was not given one (headlessgl), so the texture size limit is read after them. */
  private start(gpu: GPU, mode: WebGlMode): void {
    const upload = this.compile(gpu, { key: 'upload', source: () => 'function(x) { return x[this.thread.x]; }' });
    const placeholderKernel = this.compile(gpu, { key: 'placeholder', source: () => 'function() { return 0.0; }' });
    placeholderKernel.setOutput([1]);
    const placeholder = placeholderKernel() as Texture;
    const context = gpu.context as WebGLRenderingContext;
    const maxTexture = Number(context.getParameter(context.MAX_TEXTURE_SIZE));
    this.maxTensorBytes = Math.min(maxTexture * maxTexture * 4, 2 ** 31 - 1);
    this.mode = mode;
    this.live = { gpu, mode, upload, placeholder };
  }

  storageBytes(size: number, _dtype: DType): number {
    return size * 4;
  }

  write(values: BackendValues, dtype: DType): DataId {
    const { upload } = this.ready();
    const size = values.length;
    const bytes = this.storageBytes(size, dtype);
    if (bytes > this.maxTensorBytes) {
      throw new AllocationError(
        `webgl: write: ${size} ${dtype} values need ${bytes} bytes; the webgl backend allocates at most ${this.maxTensorBytes} bytes per tensor here`,
      );
    }
    const host = dtype === 'int32' && size <= HOST_COPY_LIMIT ? Int32Array.from(values) : undefined;
    if (size === 0) return this.store.add({ texture: null, dtype, size, host });
    upload.setOutput([size]);
    const texture = upload(toFloats(values)) as Texture;
    return this.store.add({ texture, dtype, size, host });
  }

  /**
   * Waits, without blocking the thread, until the GPU has finished what was queued (a WebGL2
   * fence, polled), then reads: readPixels then only copies. WebGL1 (headless-gl) has no fences,
   * so there readPixels itself waits.
   */
  async read(dataId: DataId): Promise<BackendValues> {
    await this.gpuDone();
    return this.readSync(dataId);
  }

  private async gpuDone(): Promise<void> {
    const gl = this.live?.gpu.context as WebGL2RenderingContext | undefined;
    if (gl === undefined || typeof gl.fenceSync !== 'function') return;
    const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    if (sync === null) return;
    gl.flush();
    this.fencedReads++;
    try {
      for (;;) {
        const status = gl.clientWaitSync(sync, 0, 0);
        if (status === gl.ALREADY_SIGNALED || status === gl.CONDITION_SATISFIED || status === gl.WAIT_FAILED) return;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    } finally {
      gl.deleteSync(sync);
    }
  }

  readSync(dataId: DataId): BackendValues {
    const stored = this.store.get(dataId);
    // Written from the host and never changed (tensors are immutable): the exact int32 values,
    // which floats hold only up to 2^24.
    if (stored.host !== undefined) return stored.host.slice();
    if (stored.texture === null) return fromFloats(new Float32Array(0), 0, stored.dtype);
    return fromFloats(stored.texture.toArray() as unknown as Float32Array, stored.size, stored.dtype);
  }

  disposeData(dataId: DataId): void {
    this.store.delete(dataId);
  }

  memory(): BackendMemory {
    return {
      numBytes: this.store.numBytes,
      numDataIds: this.store.count,
      compiledKernels: this.programs.size,
      fencedReads: this.fencedReads,
      // Every op runs on the GPU however small (README: "no host path for small tensors").
      hostPathElements: 0,
    };
  }

  status(): string | undefined {
    return this.compiling > 0 ? 'webgl: compiling kernels' : undefined;
  }

  dispose(): void {
    this.store.clear();
    for (const k of this.programs.values()) k.destroy(false);
    this.programs.clear();
    this.live?.placeholder.delete();
    this.live?.gpu.destroy();
    this.live = null;
  }

  /** The stored entry of a tensor (kernels read its dtype, size and host copy). */
  entry(info: TensorInfo): Stored {
    return this.store.get(info.dataId);
  }

  /**
   * Runs `program` over `outSize` output elements and stores the result as a new tensor of
   * `dtype`. Inputs are bound in order, then the scalars.
   */
  run(program: Program, inputs: readonly TensorInfo[], scalars: readonly number[], outSize: number, dtype: DType): DataId {
    const live = this.ready();
    if (outSize === 0) return this.store.add({ texture: null, dtype, size: 0 });
    let kernel = this.programs.get(program.key);
    if (kernel === undefined) {
      kernel = this.compile(live.gpu, program);
      this.programs.set(program.key, kernel);
    }
    const args = inputs.map((x) => this.store.get(x.dataId).texture ?? live.placeholder);
    kernel.setOutput([outSize]);
    const texture = kernel(...args, ...scalars) as Texture;
    return this.store.add({ texture, dtype, size: outSize });
  }

  /** Adopts an empty result (a kernel whose output has no elements). */
  empty(dtype: DType): DataId {
    return this.store.add({ texture: null, dtype, size: 0 });
  }

  private compile(gpu: GPU, program: Program): IKernelRunShortcut {
    this.compiling++;
    try {
      return gpu.createKernel(program.source(), {
        output: [1],
        pipeline: true,
        // A new texture per call: a tensor's storage must outlive the kernel's next run.
        immutable: true,
        dynamicOutput: true,
        dynamicArguments: true,
        precision: 'single',
        tactic: 'precision',
        loopMaxIterations: LOOP_MAX,
        nativeFunctions: program.natives?.().map((f) => ({ name: f.name, source: f.source })),
      } as Parameters<GPU['createKernel']>[1]);
    } finally {
      this.compiling--;
    }
  }

  private ready(): Live {
    if (this.live === null) throw new BackendUnavailableError('webgl: the backend is not started; await init() first');
    return this.live;
  }
}

export function createWebGlBackend(options: WebGlBackendOptions = {}): WebGlBackend {
  return new WebGlBackend(options);
}
