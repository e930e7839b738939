/**
 * Tensor storage in the wasm heap: a bump arena with free lists by size class. Blocks are never
 * returned to the bump pointer, so a training step that frees and re-allocates the same shapes
 * reuses the same blocks and the heap stops growing after the first step.
 */
import { AllocationError, type DType } from '@tensile/core';

/** One tensor's storage: `bytes` at `ptr` in the heap of `owner`. */
export class WasmData {
  freed = false;
  constructor(
    readonly owner: object,
    readonly ptr: number,
    readonly bytes: number,
    readonly dtype: DType,
    readonly size: number,
  ) {}
}

const PAGE = 65536;
const ALIGN = 64;

/**
 * Size class of a request: 64-byte steps up to 4 KiB, then 8 classes per power of two (at most
 * 12.5% slack). 16 bytes of tail room let SIMD loops read one vector past a tensor's end.
 */
export function sizeClass(bytes: number): number {
  const n = Math.max(ALIGN, bytes + 16);
  if (n <= 4096) return Math.ceil(n / ALIGN) * ALIGN;
  // 2^(floor(log2 n) - 3), from the leading zeros (n < 2^31: the heap is at most 4 GiB).
  const step = 2 ** (28 - Math.clz32(n));
  return Math.ceil(n / step) * step;
}

export interface HeapViews {
  readonly u8: Uint8Array;
  readonly i32: Int32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
}

export class Arena {
  private top: number;
  private readonly free = new Map<number, number[]>();
  private freeBytes = 0;
  private usedBytes = 0;
  views!: HeapViews;

  constructor(
    readonly memory: WebAssembly.Memory,
    base: number,
    private readonly maxPages: number,
  ) {
    this.top = Math.ceil(base / ALIGN) * ALIGN;
    this.refresh();
  }

  /**
   * A block of at least `bytes`; returns its address. May grow the memory (and replace `views`).
   * Throws `AllocationError`, with nothing changed, when the heap cannot hold the block.
   */
  alloc(bytes: number): number {
    const cls = sizeClass(bytes);
    const list = this.free.get(cls);
    if (list !== undefined && list.length > 0) {
      this.freeBytes -= cls;
      this.usedBytes += cls;
      return list.pop() as number;
    }
    const ptr = this.top;
    const end = ptr + cls;
    if (end > this.memory.buffer.byteLength) this.grow(end, cls);
    this.top = end;
    this.usedBytes += cls;
    return ptr;
  }

  /** The largest request a fresh block can still serve once the heap has grown to its maximum. */
  largestFreshBlock(): number {
    const room = this.maxPages * PAGE - this.top;
    if (sizeClass(0) > room) return 0;
    // sizeClass grows with `bytes`: bisect for the last request whose class still fits.
    let lo = 0;
    let hi = room;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (sizeClass(mid) <= room) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Returns a block from `alloc(bytes)` to its size class. */
  release(ptr: number, bytes: number): void {
    const cls = sizeClass(bytes);
    let list = this.free.get(cls);
    if (list === undefined) {
      list = [];
      this.free.set(cls, list);
    }
    list.push(ptr);
    this.freeBytes += cls;
    this.usedBytes -= cls;
  }

  stats(): { heapBytes: number; arenaBytes: number; freeBytes: number; usedBytes: number } {
    return { heapBytes: this.memory.buffer.byteLength, arenaBytes: this.top, freeBytes: this.freeBytes, usedBytes: this.usedBytes };
  }

  private grow(end: number, cls: number): void {
    const have = this.memory.buffer.byteLength;
    // Grow by at least an eighth, so a growing workload does not grow (and copy) on every call.
    const want = Math.max(end, have + have / 8);
    const pages = Math.min(Math.ceil((want - have) / PAGE), this.maxPages - have / PAGE);
    const outOfMemory = (why: string): AllocationError =>
      new AllocationError(
        `wasm: out of memory: a block of ${cls} bytes does not fit; ${why} (${this.top} bytes taken, ${this.freeBytes} of them free in blocks of other sizes)`,
      );
    if (have + pages * PAGE < end) throw outOfMemory(`the heap holds at most ${this.maxPages * PAGE} bytes`);
    try {
      this.memory.grow(pages);
    } catch (err) {
      // The runtime could not reserve the pages (a RangeError), below the declared maximum.
      throw outOfMemory(`the runtime refused to grow the heap past ${have} bytes: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.refresh();
  }

  private refresh(): void {
    const buffer = this.memory.buffer;
    this.views = {
      u8: new Uint8Array(buffer),
      i32: new Int32Array(buffer),
      f32: new Float32Array(buffer),
      f64: new Float64Array(buffer),
    };
  }
}
