/**
 * Compute pipelines cached under a key that names everything their WGSL depends on (kernel,
 * op, dtypes, rank, variant): shapes travel in uniforms, so one pipeline serves every batch size.
 */

import type { UniformSpec } from './encoder.js';

export interface Program {
  /** Cache key: two programs with the same key must generate the same WGSL. */
  readonly key: string;
  /** The shader's uniform struct, in order; a dispatch passes one value per field. */
  readonly uniforms: UniformSpec;
  /** Generates the WGSL; called only on a cache miss. */
  readonly source: () => string;
}

/** A pipeline with its bind group layout, fetched once (every dispatch needs it). */
export interface CachedPipeline {
  readonly key: string;
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

/**
 * Some drivers compile a pipeline only when its first dispatch runs (Mesa's llvmpipe does, on the
 * queue's thread), so a pipeline counts as compiling from its creation until the first submit
 * that uses it has finished on the GPU: that is the wait a person sees on a cold shader cache.
 */
export class PipelineCache {
  private readonly pipelines = new Map<string, CachedPipeline>();
  private readonly compiling = new Set<string>();

  constructor(private readonly device: GPUDevice) {}

  get(program: Program): CachedPipeline {
    let cached = this.pipelines.get(program.key);
    if (cached === undefined) {
      const module = this.device.createShaderModule({ code: program.source(), label: program.key });
      const pipeline = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: program.key });
      cached = { key: program.key, pipeline, layout: pipeline.getBindGroupLayout(0) };
      this.pipelines.set(program.key, cached);
      this.compiling.add(program.key);
    }
    return cached;
  }

  /** Whether `key`'s pipeline has not yet finished a dispatch. */
  isCompiling(key: string): boolean {
    return this.compiling.has(key);
  }

  /** Called once a submit that used these pipelines has finished on the GPU. */
  compiled(keys: Iterable<string>): void {
    for (const key of keys) this.compiling.delete(key);
  }

  /** How many pipelines are compiling, without listing them (memory() asks every step). */
  get compilingCount(): number {
    return this.compiling.size;
  }

  /** Keys of the pipelines created whose first dispatch has not finished, oldest first. */
  compilingKeys(): string[] {
    return [...this.compiling];
  }

  get size(): number {
    return this.pipelines.size;
  }

  clear(): void {
    this.pipelines.clear();
    this.compiling.clear();
  }
}
