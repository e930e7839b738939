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
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

export class PipelineCache {
  private readonly pipelines = new Map<string, CachedPipeline>();

  constructor(private readonly device: GPUDevice) {}

  get(program: Program): CachedPipeline {
    let cached = this.pipelines.get(program.key);
    if (cached === undefined) {
      const module = this.device.createShaderModule({ code: program.source(), label: program.key });
      const pipeline = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: program.key });
      cached = { pipeline, layout: pipeline.getBindGroupLayout(0) };
      this.pipelines.set(program.key, cached);
    }
    return cached;
  }

  get size(): number {
    return this.pipelines.size;
  }

  clear(): void {
    this.pipelines.clear();
  }
}
