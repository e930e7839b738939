/**
 * TensorFlow.js' `model.toJSON()` / `modelFromJSON(json)`: the topology alone, as model.json's
 * `modelTopology` holds it. `modelFromJSON` builds the model with freshly initialised weights;
 * weights come from `loadModel` or `setWeights`.
 */
import { ModelFormatError } from '@tensile/core';
import type { Layer } from '../layer.js';
import { type ConfigDict, type JsonValue, isConfigDict } from '../serialization.js';
import type { Model } from './model.js';
import { modelFromTopology } from './topology.js';

/**
 * A model from a topology: the string `model.toJSON()` returns, the parsed object (TensorFlow.js'
 * form, also Keras' `{model_config}`), or `{modelTopology}`. As in TensorFlow.js it is async; a
 * `weightsManifest` is refused (load weights with `loadModel(url)`, which reads them safely).
 */
export async function modelFromJSON(json: string | ConfigDict | { modelTopology: unknown; weightsManifest?: unknown }): Promise<Model> {
  let topology = json as JsonValue | undefined;
  if (typeof json === 'string') {
    try {
      topology = JSON.parse(json) as JsonValue;
    } catch (err) {
      throw new ModelFormatError(`modelFromJSON: the string is not JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  if (isConfigDict(topology) && 'modelTopology' in topology) {
    if (topology.weightsManifest !== undefined && topology.weightsManifest !== null) {
      throw new ModelFormatError(
        'modelFromJSON: weightsManifest is not fetched here; load the model with its weights through loadModel(url), or pass the topology alone and setWeights',
      );
    }
    topology = topology.modelTopology as JsonValue | undefined;
  }
  if (!isConfigDict(topology)) {
    throw new ModelFormatError(
      `modelFromJSON: expected a model topology {class_name, config}, got ${topology === null ? 'null' : typeof topology}`,
    );
  }
  if (isConfigDict(topology.model_config)) topology = topology.model_config;
  const created: Layer[] = [];
  try {
    return modelFromTopology(topology as ConfigDict, created);
  } catch (err) {
    for (const layer of created) layer.dispose();
    if (err instanceof ModelFormatError) throw new ModelFormatError(err.message.replace(/^loadModel:/, 'modelFromJSON:'));
    throw new ModelFormatError(`modelFromJSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}
