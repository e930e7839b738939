/**
 * Bind groups made once and reused. A training step dispatches the same pipelines over the same
 * pooled buffers (storage.ts hands them back in the same order each step) at the same uniform
 * slots, so after warm-up every dispatch finds its bind group here instead of asking the device
 * for a new one, which costs the JS thread more than recording the dispatch itself; a compiled
 * step's replay thus records with no bind group created at all.
 *
 * A key names the pipeline's layout, the uniform slot and every buffer by an id of its own. A
 * destroyed buffer's id never comes back, so a stale group is never hit; `forget` drops the
 * groups of a destroyed buffer only so that they do not hold it, and the cache is emptied when it
 * reaches MAX_GROUPS.
 */

/** Bind groups kept at most; LeNet's step uses about a hundred. */
export const MAX_GROUPS = 4096;

export class BindGroupCache {
  private readonly bufferIds = new WeakMap<GPUBuffer, number>();
  private readonly layoutIds = new WeakMap<GPUBindGroupLayout, number>();
  private nextId = 1;
  private readonly groups = new Map<string, GPUBindGroup>();
  /** Keys that name each buffer id, for `forget`. */
  private readonly keysByBuffer = new Map<number, string[]>();
  /** Bind groups created since the backend started: flat after warm-up. */
  created = 0;

  constructor(private readonly device: GPUDevice) {}

  /** The bind group of `buffers` (bindings 0..n-1) and the uniform range (binding n). */
  get(layout: GPUBindGroupLayout, buffers: readonly GPUBuffer[], uniforms: GPUBuffer, offset: number, size: number): GPUBindGroup {
    const ids = buffers.map((b) => this.idOf(this.bufferIds, b));
    const key = `${this.idOf(this.layoutIds, layout)}:${this.idOf(this.bufferIds, uniforms)}@${offset}+${size}:${ids.join(',')}`;
    const hit = this.groups.get(key);
    if (hit !== undefined) return hit;
    if (this.groups.size >= MAX_GROUPS) this.clear();
    const entries: GPUBindGroupEntry[] = buffers.map((buffer, binding) => ({ binding, resource: { buffer } }));
    entries.push({ binding: buffers.length, resource: { buffer: uniforms, offset, size } });
    const group = this.device.createBindGroup({ layout, entries });
    this.created++;
    this.groups.set(key, group);
    for (const id of ids) {
      let keys = this.keysByBuffer.get(id);
      if (keys === undefined) this.keysByBuffer.set(id, (keys = []));
      keys.push(key);
    }
    return group;
  }

  /** Drops the groups that bind `buffer` (called as it is destroyed). */
  forget(buffer: GPUBuffer): void {
    const id = this.bufferIds.get(buffer);
    if (id === undefined) return;
    for (const key of this.keysByBuffer.get(id) ?? []) this.groups.delete(key);
    this.keysByBuffer.delete(id);
  }

  clear(): void {
    this.groups.clear();
    this.keysByBuffer.clear();
  }

  get size(): number {
    return this.groups.size;
  }

  private idOf<K extends object>(ids: WeakMap<K, number>, o: K): number {
    let id = ids.get(o);
    if (id === undefined) ids.set(o, (id = this.nextId++));
    return id;
  }
}
