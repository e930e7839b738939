/**
 * Model artifacts and IO handlers, shaped as TensorFlow.js' (tf.io): a handler written for one
 * works with the other. Core does not define them yet, so they live here.
 */
import type { JsonValue } from '../serialization.js';

export type WeightDType = 'float32' | 'int32' | 'bool';

export interface WeightsManifestEntry {
  name: string;
  shape: number[];
  dtype: WeightDType;
  /** TensorFlow.js quantization; Tensile reads unquantized weights only. */
  quantization?: { dtype: string; scale?: number; min?: number };
}

export interface WeightsManifestGroupConfig {
  paths: string[];
  weights: WeightsManifestEntry[];
}

/** What `save` hands a handler and `load` gets back. */
export interface ModelArtifacts {
  /** The Keras topology: {class_name, config, keras_version, backend}. */
  modelTopology?: { [key: string]: JsonValue } | ArrayBuffer;
  weightSpecs?: WeightsManifestEntry[];
  /** Weights concatenated in `weightSpecs` order, little-endian. */
  weightData?: ArrayBuffer | ArrayBuffer[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: { [key: string]: JsonValue };
  userDefinedMetadata?: { [key: string]: JsonValue };
}

/** model.json on disk: the artifacts with the weights replaced by a manifest of shard files. */
export interface ModelJSON {
  modelTopology: { [key: string]: JsonValue };
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: WeightsManifestGroupConfig[];
  trainingConfig?: { [key: string]: JsonValue };
  userDefinedMetadata?: { [key: string]: JsonValue };
}

export interface ModelArtifactsInfo {
  dateSaved: Date;
  modelTopologyType: 'JSON' | 'GraphDef';
  modelTopologyBytes?: number;
  weightSpecsBytes?: number;
  weightDataBytes?: number;
}

export interface SaveResult {
  modelArtifactsInfo: ModelArtifactsInfo;
  responses?: Response[];
  errors?: (object | string)[];
}

export interface IOHandler {
  save?: (artifacts: ModelArtifacts) => Promise<SaveResult>;
  load?: () => Promise<ModelArtifacts>;
}

export function artifactsInfo(artifacts: ModelArtifacts): ModelArtifactsInfo {
  const json = (v: unknown): number => (v === undefined ? 0 : new TextEncoder().encode(JSON.stringify(v)).length);
  const data = artifacts.weightData;
  const dataBytes = data === undefined ? 0 : Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : data.byteLength;
  return {
    dateSaved: new Date(),
    modelTopologyType: 'JSON',
    modelTopologyBytes: artifacts.modelTopology instanceof ArrayBuffer ? artifacts.modelTopology.byteLength : json(artifacts.modelTopology),
    weightSpecsBytes: json(artifacts.weightSpecs),
    weightDataBytes: dataBytes,
  };
}

/** One buffer from a buffer or a list of them (TensorFlow.js may split large weights). */
export function concatBuffers(data: ArrayBuffer | readonly ArrayBuffer[] | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  if (data instanceof ArrayBuffer) return data;
  const out = new Uint8Array(data.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out.buffer;
}
