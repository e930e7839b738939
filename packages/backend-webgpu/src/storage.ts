/**
 * GPU buffers reused from size buckets, so that after warm-up a training step creates none.
 *
 * A freed buffer may still be read by dispatches recorded in the command encoder that has not
 * been submitted yet. Later dispatches in that encoder run after those reads, so kernel outputs
 * may reuse it at once; but `queue.writeBuffer` runs before the pending encoder, so uploads only
 * take buffers freed before the last submit (`free`), never ones freed since (`batchFree`).
 */

import { AllocationError } from '@tensile/core';

/** Numeric values of GPUBufferUsage / GPUMapMode, fixed by the spec; written out so the code does
 *  not depend on the globals that a Node WebGPU package may or may not install. */
export const Usage = {
  MAP_READ: 0x0001,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;
export const MAP_MODE_READ = 0x0001;

const STORAGE_USAGE = Usage.STORAGE | Usage.COPY_SRC | Usage.COPY_DST;
const STAGING_USAGE = Usage.MAP_READ | Usage.COPY_DST;

/** Bytes of a bucket: powers of two up to 64 KiB, then eighths of the next power of two, so a
 *  buffer wastes at most 12.5% above that size while sizes that vary a little still share. */
export function bucketBytes(bytes: number): number {
  const b = Math.max(16, Math.ceil(bytes / 4) * 4);
  const pow2 = 2 ** Math.ceil(Math.log2(b));
  if (pow2 <= 65536) return pow2;
  const step = pow2 / 8;
  return Math.ceil(b / step) * step;
}

export interface PoolStats {
  /** createBuffer calls since the backend started: flat after warm-up. */
  buffersCreated: number;
  /** Bytes in buffers that exist (in use or pooled). */
  allocatedBytes: number;
  /** Bytes in pooled, unused buffers. */
  pooledBytes: number;
}

/**
 * The largest request (a multiple of 4 bytes) whose bucket is at most `limit` bytes: what one
 * tensor may take when its buffer must not pass `limit`.
 */
export function largestRequest(limit: number): number {
  if (bucketBytes(0) > limit) return 0;
  // bucketBytes grows with the request: bisect over multiples of 4.
  let lo = 0;
  let hi = Math.floor(limit / 4);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bucketBytes(mid * 4) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return lo * 4;
}

/** The device's limits on one buffer: bound as storage, and any (staging buffers). */
export interface BufferLimits {
  readonly storage: number;
  readonly any: number;
}

export function bufferLimits(limits: GPUSupportedLimits): BufferLimits {
  return { storage: Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize), any: limits.maxBufferSize };
}

/** Pooled buffers beyond this many bytes are destroyed instead of kept. */
const MAX_POOLED_BYTES = 512 * 1024 * 1024;

export class BufferPool {
  private readonly free = new Map<string, GPUBuffer[]>();
  private toDestroy: GPUBuffer[] = [];
  private readonly batchFree = new Map<string, GPUBuffer[]>();
  private readonly stats: PoolStats = { buffersCreated: 0, allocatedBytes: 0, pooledBytes: 0 };

  /** Told of each buffer just before it is destroyed (the bind group cache forgets it). */
  onDestroy: (buffer: GPUBuffer) => void = () => undefined;

  constructor(
    private readonly device: GPUDevice,
    private readonly limits: BufferLimits,
  ) {}

  /** A storage buffer of at least `bytes`, for a kernel output (may be one freed in this batch). */
  acquireForKernel(bytes: number): GPUBuffer {
    const size = bucketBytes(bytes);
    const key = `s${size}`;
    const reused = this.batchFree.get(key)?.pop();
    if (reused !== undefined) {
      this.stats.pooledBytes -= size;
      return reused;
    }
    return this.take(key, size, STORAGE_USAGE);
  }

  /** A storage buffer that no unsubmitted command uses, safe for `queue.writeBuffer`; null when
   *  the only candidates were freed in the current batch (the caller flushes and asks again). */
  acquireForUpload(bytes: number): GPUBuffer | null {
    const size = bucketBytes(bytes);
    const key = `s${size}`;
    const reused = this.free.get(key)?.pop();
    if (reused !== undefined) {
      this.stats.pooledBytes -= size;
      return reused;
    }
    if ((this.batchFree.get(key)?.length ?? 0) > 0) return null;
    return this.create(size, STORAGE_USAGE);
  }

  /** A mappable buffer for reading `bytes` back. */
  acquireStaging(bytes: number): GPUBuffer {
    const size = bucketBytes(bytes);
    return this.take(`m${size}`, size, STAGING_USAGE);
  }

  /** Returns a storage buffer; it becomes available to uploads after the next submit. */
  release(buffer: GPUBuffer): void {
    const key = `s${buffer.size}`;
    if (this.stats.pooledBytes + buffer.size > MAX_POOLED_BYTES) {
      // Destroying is deferred like reuse: a pending dispatch may still read it.
      this.toDestroy.push(buffer);
      return;
    }
    let list = this.batchFree.get(key);
    if (list === undefined) this.batchFree.set(key, (list = []));
    list.push(buffer);
    this.stats.pooledBytes += buffer.size;
  }

  /** Returns an unmapped staging buffer. */
  releaseStaging(buffer: GPUBuffer): void {
    this.put(`m${buffer.size}`, buffer);
    this.stats.pooledBytes += buffer.size;
  }

  /** Called after each submit: buffers freed during the batch are now safe for uploads. */
  afterSubmit(): void {
    for (const buffer of this.toDestroy) {
      this.stats.allocatedBytes -= buffer.size;
      this.onDestroy(buffer);
      buffer.destroy();
    }
    this.toDestroy = [];
    for (const [key, list] of this.batchFree) for (const buffer of list) this.put(key, buffer);
    this.batchFree.clear();
  }

  getStats(): PoolStats {
    return { ...this.stats };
  }

  destroyAll(): void {
    for (const list of this.free.values()) for (const b of list) b.destroy();
    for (const list of this.batchFree.values()) for (const b of list) b.destroy();
    for (const b of this.toDestroy) b.destroy();
    this.free.clear();
    this.batchFree.clear();
    this.toDestroy = [];
    this.stats.pooledBytes = 0;
    this.stats.allocatedBytes = 0;
  }

  private take(key: string, size: number, usage: number): GPUBuffer {
    const reused = this.free.get(key)?.pop();
    if (reused !== undefined) {
      this.stats.pooledBytes -= size;
      return reused;
    }
    return this.create(size, usage);
  }

  private put(key: string, buffer: GPUBuffer): void {
    let list = this.free.get(key);
    if (list === undefined) this.free.set(key, (list = []));
    list.push(buffer);
  }

  private create(size: number, usage: number): GPUBuffer {
    // Past the limit createBuffer returns an invalid buffer whose error surfaces at a later,
    // unrelated call; refuse here, before anything is counted.
    const limit = usage & Usage.STORAGE ? this.limits.storage : this.limits.any;
    if (size > limit) {
      throw new AllocationError(
        `webgpu: a buffer of ${size} bytes is over the device's limit of ${limit} bytes per ${usage & Usage.STORAGE ? 'storage buffer binding' : 'buffer'}`,
      );
    }
    this.stats.buffersCreated++;
    this.stats.allocatedBytes += size;
    return this.device.createBuffer({ size, usage });
  }
}
