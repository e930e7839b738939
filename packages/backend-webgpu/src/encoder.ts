/**
 * Records many dispatches into one command encoder (one compute pass while no copy intervenes)
 * and submits them together: when a read needs the results, or when a batch reaches its size
 * limit. Per-dispatch shape uniforms live in slots of one arena buffer, uploaded with a single
 * `writeBuffer` just before the submit, so a dispatch costs no buffer creation and no upload call.
 *
 * Each batch is wrapped in validation and out-of-memory error scopes; what they catch is handed
 * to `onError` (the backend turns it into a `BackendError` on its next call).
 */
import { BindGroupCache } from './bind-groups.js';
import type { CachedPipeline } from './pipelines.js';
import type { BufferPool } from './storage.js';
import { Usage } from './storage.js';

export type UniformType = 'u32' | 'i32' | 'f32';
/** A shader's uniform struct: field names and types, in order (all 4-byte scalars). */
export type UniformSpec = readonly (readonly [name: string, type: UniformType])[];

export interface DispatchArgs {
  readonly pipeline: CachedPipeline;
  /** Storage buffers for bindings 0..n-1; the uniform slot is binding n. */
  readonly buffers: readonly GPUBuffer[];
  readonly uniformSpec: UniformSpec;
  readonly uniforms: readonly number[];
  readonly groups: readonly [number, number, number];
}

/** Dispatches per submit; also the number of uniform slots in the arena. */
export const DEFAULT_BATCH_SIZE = 256;
/** Bytes of small uploads staged per batch (see `upload`). */
const UPLOAD_ARENA_BYTES = 1 << 20;
/** Uploads up to this size go through the staging arena; larger ones use writeBuffer directly. */
export const MAX_STAGED_UPLOAD = 64 * 1024;

export class CommandBatcher {
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private slots = 0;
  private readonly slotBytes: number;
  private readonly arena: GPUBuffer;
  private readonly arenaData: ArrayBuffer;
  private readonly u32: Uint32Array;
  private readonly i32: Int32Array;
  private readonly f32: Float32Array;
  private readonly uploadArena: GPUBuffer;
  private readonly uploadData: Uint8Array<ArrayBuffer>;
  private uploadBytes = 0;
  private readonly pendingChecks: Promise<void>[] = [];
  /** Pipelines dispatched for the first time in the open batch (see PipelineCache). */
  private firstUses = new Set<string>();
  /** Number of submits so far (for tests and stats). */
  submits = 0;
  /** Every dispatch's bind group; the pool tells it which buffers it destroys. */
  readonly bindGroups: BindGroupCache;

  constructor(
    private readonly device: GPUDevice,
    private readonly pool: BufferPool,
    private readonly onError: (error: GPUError) => void,
    private readonly batchSize = DEFAULT_BATCH_SIZE,
    private readonly onFirstUsesDone: (keys: ReadonlySet<string>) => void = () => undefined,
  ) {
    this.bindGroups = new BindGroupCache(device);
    // Slots are aligned as bindings at an offset must be; 256 covers every struct we generate.
    this.slotBytes = Math.max(256, device.limits.minUniformBufferOffsetAlignment);
    this.arenaData = new ArrayBuffer(this.slotBytes * batchSize);
    this.u32 = new Uint32Array(this.arenaData);
    this.i32 = new Int32Array(this.arenaData);
    this.f32 = new Float32Array(this.arenaData);
    this.arena = device.createBuffer({ size: this.arenaData.byteLength, usage: Usage.UNIFORM | Usage.COPY_DST });
    this.uploadData = new Uint8Array(UPLOAD_ARENA_BYTES);
    this.uploadArena = device.createBuffer({ size: UPLOAD_ARENA_BYTES, usage: Usage.COPY_SRC | Usage.COPY_DST });
  }

  /**
   * Records a small upload in order with the dispatches: the bytes are staged in an arena
   * (uploaded with the uniforms just before the submit) and copied into `dst` by a command, so
   * `dst` may be any buffer a kernel could take, including one that pending dispatches still
   * read. Small tensors (scalars, labels) made in the middle of a training step thus neither
   * force a submit nor a new buffer. `data` must be at most MAX_STAGED_UPLOAD bytes.
   */
  upload(dst: GPUBuffer, data: Uint8Array): void {
    const bytes = Math.ceil(data.byteLength / 4) * 4;
    if (this.uploadBytes + bytes > UPLOAD_ARENA_BYTES) this.flush();
    const offset = this.uploadBytes;
    this.uploadData.set(data, offset);
    this.uploadBytes += bytes;
    const encoder = this.commandEncoder();
    this.endPass();
    encoder.copyBufferToBuffer(this.uploadArena, offset, dst, 0, bytes);
  }

  dispatch(args: DispatchArgs, firstUse = false): void {
    if (this.slots >= this.batchSize) this.flush();
    if (firstUse) this.firstUses.add(args.pipeline.key);
    const pass = this.computePass();
    const slot = this.slots++;
    const base = (slot * this.slotBytes) / 4;
    args.uniformSpec.forEach(([, type], i) => {
      const v = args.uniforms[i];
      if (type === 'f32') this.f32[base + i] = v;
      else if (type === 'i32') this.i32[base + i] = v;
      else this.u32[base + i] = v;
    });
    const uniformBytes = Math.max(16, Math.ceil(args.uniformSpec.length / 4) * 16);
    const bindGroup = this.bindGroups.get(args.pipeline.layout, args.buffers, this.arena, slot * this.slotBytes, uniformBytes);
    pass.setPipeline(args.pipeline.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(args.groups[0], args.groups[1], args.groups[2]);
  }

  /** Records a buffer-to-buffer copy after the dispatches recorded so far. */
  copy(src: GPUBuffer, dst: GPUBuffer, bytes: number): void {
    const encoder = this.commandEncoder();
    this.endPass();
    encoder.copyBufferToBuffer(src, 0, dst, 0, bytes);
  }

  private endPass(): void {
    if (this.pass !== null) {
      this.pass.end();
      this.pass = null;
    }
  }

  /** Submits everything recorded so far. */
  flush(): void {
    if (this.encoder === null) {
      // Nothing pending: buffers freed since the last submit are already safe to upload into.
      this.pool.afterSubmit();
      return;
    }
    if (this.pass !== null) this.pass.end();
    if (this.slots > 0) this.device.queue.writeBuffer(this.arena, 0, this.arenaData, 0, this.slots * this.slotBytes);
    if (this.uploadBytes > 0) this.device.queue.writeBuffer(this.uploadArena, 0, this.uploadData, 0, this.uploadBytes);
    this.device.queue.submit([this.encoder.finish()]);
    if (this.firstUses.size > 0) {
      const keys = this.firstUses;
      this.firstUses = new Set();
      void this.device.queue.onSubmittedWorkDone().then(
        () => this.onFirstUsesDone(keys),
        () => undefined,
      );
    }
    this.encoder = null;
    this.pass = null;
    this.slots = 0;
    this.uploadBytes = 0;
    this.submits++;
    const validation = this.device.popErrorScope();
    const memory = this.device.popErrorScope();
    this.pendingChecks.push(
      Promise.all([validation, memory]).then(([a, b]) => {
        if (a !== null) this.onError(a);
        if (b !== null) this.onError(b);
      }),
    );
    this.pool.afterSubmit();
  }

  /** Resolves once the error scopes of every submitted batch have been checked. */
  async settled(): Promise<void> {
    while (this.pendingChecks.length > 0) await this.pendingChecks.shift();
  }

  destroy(): void {
    // Scopes pushed for an unsubmitted batch are abandoned with the device.
    this.encoder = null;
    this.pass = null;
    this.bindGroups.clear();
    this.arena.destroy();
    this.uploadArena.destroy();
  }

  /** Opens a batch (and its error scopes) if none is open, so that pipeline creation for the
   *  next dispatch is checked along with it. */
  open(): void {
    if (this.slots >= this.batchSize) this.flush();
    this.commandEncoder();
  }

  private commandEncoder(): GPUCommandEncoder {
    if (this.encoder === null) {
      this.device.pushErrorScope('out-of-memory');
      this.device.pushErrorScope('validation');
      this.encoder = this.device.createCommandEncoder();
    }
    return this.encoder;
  }

  private computePass(): GPUComputePassEncoder {
    const encoder = this.commandEncoder();
    if (this.pass === null) this.pass = encoder.beginComputePass();
    return this.pass;
  }
}
