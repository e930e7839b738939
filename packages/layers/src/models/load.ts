/**
 * `loadModel(url)`: a model from TensorFlow.js layers-format artifacts. Anything wrong with the
 * artifacts (bad JSON, unknown layer class, missing or extra weights, wrong shard length) is a
 * ModelFormatError, and whatever was built before the failure is disposed.
 */
import { ModelFormatError, TensileError, tensor, tidy } from '@tensile/core';
import { getLoadHandler, type HandlerOrUrl } from '../io/router.js';
import { concatBuffers, type ModelArtifacts } from '../io/types.js';
import { decodeWeights, type DecodedWeight } from '../io/weights.js';
import type { Layer } from '../layer.js';
import { isConfigDict } from '../serialization.js';
import type { Model } from './model.js';
import { modelFromTopology } from './topology.js';

export interface LoadOptions {
  /** When false, weights missing from the file keep their initial values (default true: error). */
  strict?: boolean;
}

export async function loadModel(source: HandlerOrUrl, options: LoadOptions = {}): Promise<Model> {
  const handler = getLoadHandler(source);
  let artifacts: ModelArtifacts;
  try {
    artifacts = await handler.load();
  } catch (err) {
    throw asFormatError(err);
  }
  return modelFromArtifacts(artifacts, options);
}

/** Builds the model and sets its weights; on any failure disposes what it built and throws. */
export function modelFromArtifacts(artifacts: ModelArtifacts, options: LoadOptions = {}): Model {
  const created: Layer[] = [];
  let model: Model | undefined;
  try {
    let topology = artifacts.modelTopology;
    if (topology instanceof ArrayBuffer)
      throw new ModelFormatError('loadModel: binary (GraphDef) topologies are not supported; expected a layers-model');
    if (!isConfigDict(topology)) throw new ModelFormatError('loadModel: the artifacts have no modelTopology');
    // Keras' own model.json nests the topology under model_config.
    if (isConfigDict(topology.model_config)) topology = topology.model_config;
    model = modelFromTopology(topology, created);
    const weights = decodeWeights(artifacts.weightSpecs ?? [], concatBuffers(artifacts.weightData));
    assignWeights(model, weights, options.strict ?? true);
    return model;
  } catch (err) {
    if (model) model.dispose();
    for (const layer of created) layer.dispose();
    throw asFormatError(err);
  }
}

/** Matches saved weights to the model's by layer-scoped name (`dense/kernel`). */
function assignWeights(model: Model, weights: readonly DecodedWeight[], strict: boolean): void {
  const byName = new Map(weights.map((w) => [w.name, w]));
  const targets = model.layers.flatMap((layer) => layer.weights.map((v) => ({ v, name: layer.originalNameOf(v) })));
  const missing = targets.filter((t) => !byName.has(t.name));
  // Some converters scope weight names differently; when no name matches but the count does, match by order.
  const byOrder = missing.length === targets.length && weights.length === targets.length && targets.length > 0;
  if (!byOrder && strict && missing.length > 0) {
    throw new ModelFormatError(`loadModel: the weights file lacks ${missing.map((t) => `'${t.name}'`).join(', ')}`);
  }
  const used = new Set<string>();
  targets.forEach(({ v, name }, i) => {
    const w = byOrder ? weights[i] : byName.get(name);
    if (!w) return;
    used.add(w.name);
    if (w.shape.length !== v.shape.length || w.shape.some((d, j) => d !== v.shape[j]) || w.dtype !== v.dtype) {
      throw new ModelFormatError(
        `loadModel: weight '${name}' is [${v.shape.join(', ')}] ${v.dtype} in the model but [${w.shape.join(', ')}] ${w.dtype} in the file`,
      );
    }
    tidy(() => v.assign(tensor(w.values, w.shape, w.dtype)));
  });
  const extra = weights.filter((w) => !used.has(w.name));
  if (strict && extra.length > 0) {
    throw new ModelFormatError(`loadModel: the weights file has weights the model does not: ${extra.map((w) => `'${w.name}'`).join(', ')}`);
  }
}

function asFormatError(err: unknown): Error {
  if (err instanceof ModelFormatError) return err;
  const message = err instanceof Error ? err.message : String(err);
  // Config values a layer rejects (ArgumentError, ShapeError) mean the file is not a valid model.
  if (err instanceof TensileError || err instanceof TypeError || err instanceof SyntaxError || err instanceof RangeError) {
    return new ModelFormatError(`loadModel: ${message}`);
  }
  return err instanceof Error ? err : new ModelFormatError(`loadModel: ${message}`);
}
