/**
 * Messages between the page (main.ts) and the training worker (worker.ts). The worker owns the
 * model, the data and every tensor; the page only draws what it is told, so training never
 * blocks the page.
 */
import type { ModelArtifacts } from '@tensile/core';

export const MODEL_NAMES = ['lenet5', 'lenet5-relu'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export interface TrainConfig {
  readonly model: ModelName;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** The first N training images (the last 10% of them held out for validation) and N test images. */
  readonly limit: number;
  readonly seed: number;
}

export interface BackendInfo {
  readonly name: string;
  /** 'active', 'ready' and 'idle' (not started yet: loads when picked) ones can be picked; 'unavailable' ones carry the reason. */
  readonly state: 'active' | 'ready' | 'idle' | 'unavailable';
  /** For a started backend: its build, threads or adapter. */
  readonly detail?: string;
  readonly reason?: string;
}

/** Keras' epoch logs plus where the run is, for the progress bar and the curves. */
export interface Progress {
  readonly epoch: number;
  readonly epochs: number;
  /** Batches done in this epoch and batches per epoch. */
  readonly batch: number;
  readonly steps: number;
  readonly samplesPerSec: number;
  readonly backend: string;
  /** Running means over the epoch so far (Keras' batch logs), when this batch read them. */
  readonly loss?: number;
  readonly accuracy?: number;
}

export type ToWorker =
  /** `base`: the page's folder URL, where data/ and wasm/ are served. */
  | { readonly type: 'init'; readonly base: string }
  | { readonly type: 'setBackend'; readonly name: string }
  | { readonly type: 'train'; readonly config: TrainConfig }
  | { readonly type: 'stop' }
  | { readonly type: 'predict'; readonly id: number; readonly pixels: Float32Array }
  | { readonly type: 'save'; readonly key: string }
  | { readonly type: 'loadSaved'; readonly key: string }
  | { readonly type: 'export' }
  | { readonly type: 'loadFiles'; readonly files: readonly File[] };

export type FromWorker =
  | {
      readonly type: 'ready';
      readonly backends: readonly BackendInfo[];
      readonly crossOriginIsolated: boolean;
      readonly wasmThreads: number | null;
    }
  | { readonly type: 'backends'; readonly backends: readonly BackendInfo[] }
  | { readonly type: 'status'; readonly text: string }
  | { readonly type: 'progress'; readonly progress: Progress }
  | { readonly type: 'epoch'; readonly epoch: number; readonly backend: string; readonly logs: Readonly<Record<string, number>> }
  | {
      readonly type: 'trained';
      readonly stopped: boolean;
      readonly testAccuracy: number;
      readonly testLoss: number;
      readonly testImages: number;
      readonly seconds: number;
      readonly samplesPerSec: Readonly<Record<string, number>>;
    }
  | { readonly type: 'prediction'; readonly id: number; readonly probs: Float32Array }
  | { readonly type: 'saved'; readonly key: string; readonly bytes: number }
  | { readonly type: 'loaded'; readonly source: string; readonly model: string; readonly params: number }
  | { readonly type: 'exported'; readonly artifacts: ModelArtifacts }
  | { readonly type: 'error'; readonly during: string; readonly message: string };
