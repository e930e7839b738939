/** model.json: parsing and checking it, and turning it into artifacts once its shards are read. */
import { ModelFormatError } from '@tensile/core';
import { isConfigDict, type JsonValue } from '../serialization.js';
import { concatBuffers, type ModelArtifacts, type ModelJSON, type WeightsManifestEntry, type WeightsManifestGroupConfig } from './types.js';

/** Parses model.json text; anything that is not a layers-model JSON is a ModelFormatError. */
export function parseModelJSON(text: string, source: string): ModelJSON {
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(text) as JsonValue;
  } catch (err) {
    throw new ModelFormatError(`loadModel: ${source} is not valid JSON (truncated or corrupt?): ${(err as Error).message}`);
  }
  if (!isConfigDict(parsed)) throw new ModelFormatError(`loadModel: ${source} must hold a JSON object`);
  const topology = parsed.modelTopology;
  if (!isConfigDict(topology)) throw new ModelFormatError(`loadModel: ${source} has no modelTopology object`);
  const manifest = parsed.weightsManifest ?? [];
  if (!Array.isArray(manifest)) throw new ModelFormatError(`loadModel: ${source}'s weightsManifest must be a list`);
  const groups = manifest.map((g, i): WeightsManifestGroupConfig => {
    if (!isConfigDict(g) || !Array.isArray(g.paths) || !Array.isArray(g.weights) || !g.paths.every((p) => typeof p === 'string')) {
      throw new ModelFormatError(`loadModel: ${source}'s weightsManifest[${i}] must be {paths: string[], weights: [...]}`);
    }
    return { paths: g.paths.filter((p): p is string => typeof p === 'string'), weights: g.weights.map((w, j) => manifestEntry(w, `${source} weightsManifest[${i}].weights[${j}]`)) };
  });
  const format = parsed.format;
  if (format !== undefined && format !== null && format !== 'layers-model') {
    throw new ModelFormatError(`loadModel: ${source} has format ${JSON.stringify(format)}; Tensile loads 'layers-model' (graph models are not supported)`);
  }
  return {
    modelTopology: topology,
    format: 'layers-model',
    generatedBy: typeof parsed.generatedBy === 'string' ? parsed.generatedBy : undefined,
    convertedBy: typeof parsed.convertedBy === 'string' ? parsed.convertedBy : null,
    weightsManifest: groups,
    ...(isConfigDict(parsed.trainingConfig) ? { trainingConfig: parsed.trainingConfig } : {}),
    ...(isConfigDict(parsed.userDefinedMetadata) ? { userDefinedMetadata: parsed.userDefinedMetadata } : {}),
  };
}

function manifestEntry(w: JsonValue, where: string): WeightsManifestEntry {
  if (!isConfigDict(w) || typeof w.name !== 'string' || !Array.isArray(w.shape) || typeof w.dtype !== 'string') {
    throw new ModelFormatError(`loadModel: ${where} must be {name, shape, dtype}`);
  }
  const shape = w.shape.filter((d): d is number => typeof d === 'number');
  if (shape.length !== w.shape.length) throw new ModelFormatError(`loadModel: ${where} has a malformed shape`);
  const dtype = w.dtype;
  if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'bool') throw new ModelFormatError(`loadModel: ${where} has unsupported dtype '${dtype}'`);
  const q = w.quantization;
  return { name: w.name, shape, dtype, ...(isConfigDict(q) && typeof q.dtype === 'string' ? { quantization: { dtype: q.dtype } } : {}) };
}

/** Reads every shard of the manifest (in order) and returns the artifacts. */
export async function artifactsFromModelJSON(json: ModelJSON, readShard: (path: string) => Promise<ArrayBuffer>): Promise<ModelArtifacts> {
  const buffers: ArrayBuffer[] = [];
  for (const group of json.weightsManifest) for (const path of group.paths) buffers.push(await readShard(path));
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: concatBuffers(buffers),
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    trainingConfig: json.trainingConfig,
    userDefinedMetadata: json.userDefinedMetadata,
  };
}

/** model.json for artifacts whose weights go to the shard files `paths`. */
export function modelJSONFor(artifacts: ModelArtifacts, paths: string[]): ModelJSON {
  const topology = artifacts.modelTopology;
  if (!topology || topology instanceof ArrayBuffer) throw new ModelFormatError('save: only JSON model topologies can be written to model.json');
  return {
    modelTopology: topology,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths, weights: artifacts.weightSpecs ?? [] }],
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
  };
}
