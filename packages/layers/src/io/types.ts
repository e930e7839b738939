/** The artifact types are core's (`@tensile/core`); these helpers are the layers IO's own. */
import type { ModelArtifacts, ModelArtifactsInfo } from '@tensile/core';

export type {
  IOHandler,
  ModelArtifacts,
  ModelArtifactsInfo,
  ModelJSON,
  SaveResult,
  WeightDType,
  WeightsManifestEntry,
  WeightsManifestGroupConfig,
} from '@tensile/core';

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
