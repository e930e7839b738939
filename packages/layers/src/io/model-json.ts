/**
 * model.json: parsing and checking it, the rules its shard paths must follow, and turning it into
 * artifacts once its shards are read. A model.json is untrusted input: it names the files the
 * loader reads, so every name is checked here before a handler touches a file or a URL.
 */
import { ModelFormatError } from '@tensile/core';
import { isConfigDict, type JsonValue } from '../serialization.js';
import { concatBuffers, type ModelArtifacts, type ModelJSON, type WeightsManifestEntry, type WeightsManifestGroupConfig } from './types.js';
import { weightByteLength } from './weights.js';

/**
 * A model.json holds the topology and the manifest, not the weights: even large models need a few
 * MB. Anything above this is refused before it is read.
 */
export const MAX_MODEL_JSON_BYTES = 32 * 1024 * 1024;

export function modelJSONTooLarge(source: string, bytes: number | string): ModelFormatError {
  return new ModelFormatError(
    `loadModel: ${source} is ${bytes} bytes; a model.json may be at most ${MAX_MODEL_JSON_BYTES} bytes (32 MiB): it holds the topology and the weights manifest, the weights belong in shard files`,
  );
}

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
    return {
      paths: g.paths.filter((p): p is string => typeof p === 'string'),
      weights: g.weights.map((w, j) => manifestEntry(w, `${source} weightsManifest[${i}].weights[${j}]`)),
    };
  });
  const format = parsed.format;
  if (format !== undefined && format !== null && format !== 'layers-model') {
    throw new ModelFormatError(
      `loadModel: ${source} has format ${JSON.stringify(format)}; Tensile loads 'layers-model' (graph models are not supported)`,
    );
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
  if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'bool')
    throw new ModelFormatError(`loadModel: ${where} has unsupported dtype '${dtype}'`);
  const q = w.quantization;
  return { name: w.name, shape, dtype, ...(isConfigDict(q) && typeof q.dtype === 'string' ? { quantization: { dtype: q.dtype } } : {}) };
}

/** One weights group: its shard paths as model.json names them, and the bytes they hold together. */
export interface ShardGroup {
  readonly index: number;
  readonly paths: readonly string[];
  readonly byteLength: number;
}

/**
 * Checks a shard path from `source` (a model.json) against the one form a loader accepts: a
 * relative path of plain '/'-separated names below the model's folder. Returns its segments.
 */
export function shardSegments(path: string, source: string, folder: string): string[] {
  const refuse = (why: string): never => {
    throw new ModelFormatError(
      `loadModel: ${source} names weight shard ${JSON.stringify(path)}, ${why}; shard paths must be relative paths inside the model's folder ${folder}`,
    );
  };
  if (path.length === 0) refuse('an empty path');
  // Absolute paths, drive letters, and any URL scheme (http:, file:, data:, ...).
  if (path.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(path)) refuse('an absolute path or URL');
  if (path.includes('\\') || path.includes('\0')) refuse("which holds a backslash or a NUL byte (use '/' separators)");
  const segments = path.split('/').filter((seg, i) => !(i === 0 && seg === '.'));
  if (segments.includes('..')) refuse("which climbs out of it with '..'");
  if (segments.some((seg) => seg === '' || seg === '.')) refuse("which has an empty or '.' segment");
  return segments;
}

/** The manifest's groups with the bytes each must hold, sized before anything is read. */
export function shardGroups(json: ModelJSON, source: string): ShardGroup[] {
  return json.weightsManifest.map((g, index) => {
    const where = `${source} weightsManifest[${index}]`;
    if (g.paths.length === 0 && g.weights.length > 0) throw new ModelFormatError(`loadModel: ${where} lists weights but no shard paths`);
    const byteLength = g.weights.reduce((n, w) => n + weightByteLength(w, where), 0);
    if (!Number.isSafeInteger(byteLength)) throw new ModelFormatError(`loadModel: ${where} describes more weight bytes than can be loaded`);
    return { index, paths: g.paths, byteLength };
  });
}

/** Says that a group's shards do not hold what the manifest describes (`atLeast`: reading stopped early). */
export function shardSizeMismatch(
  source: string,
  group: ShardGroup,
  shards: readonly string[],
  bytes: number,
  atLeast = false,
): ModelFormatError {
  const which = shards.length === 1 ? `weight shard ${shards[0]} holds` : `its shards ${shards.join(', ')} hold`;
  const why = bytes < group.byteLength ? 'truncated or corrupt shard?' : 'not the shard this manifest describes?';
  return new ModelFormatError(
    `loadModel: ${source} weightsManifest[${group.index}] describes ${group.byteLength} bytes of weights, but ${which} ${atLeast ? 'at least ' : ''}${bytes} bytes (${why})`,
  );
}

/**
 * Reads every group of the manifest (in order) through `readGroup`, which checks each shard's
 * place and size before reading it, and returns the artifacts.
 */
export async function artifactsFromModelJSON(
  json: ModelJSON,
  source: string,
  readGroup: (group: ShardGroup) => Promise<readonly ArrayBuffer[]>,
): Promise<ModelArtifacts> {
  const buffers: ArrayBuffer[] = [];
  for (const group of shardGroups(json, source)) {
    const read = await readGroup(group);
    const bytes = read.reduce((n, b) => n + b.byteLength, 0);
    if (bytes !== group.byteLength) throw shardSizeMismatch(source, group, group.paths, bytes);
    buffers.push(...read);
  }
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
  if (!topology || topology instanceof ArrayBuffer)
    throw new ModelFormatError('save: only JSON model topologies can be written to model.json');
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
