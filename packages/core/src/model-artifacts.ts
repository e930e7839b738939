/**
 * Model artifacts and IO handlers, shaped as TensorFlow.js' (tf.io): a handler written for one
 * works with the other. They live in core so that any package (layers, a converter, a model hub
 * client) can produce or consume them without depending on layers.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

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
