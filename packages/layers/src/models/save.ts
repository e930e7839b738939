/** `model.save(url)`: topology and weights in the TensorFlow.js layers format, to any handler. */
import { getSaveHandler, type HandlerOrUrl } from '../io/router.js';
import type { SaveResult } from '../io/types.js';
import { encodeWeights } from '../io/weights.js';
import type { Model } from './model.js';
import { modelTopology } from './model-config.js';

export type SaveDestination = HandlerOrUrl;

/** The name every saved model is stamped with (model.json's generatedBy). */
export const GENERATED_BY = 'Tensile @tensile/layers 0.1.0 (TensorFlow.js layers format)';

export async function saveModel(model: Model, destination: SaveDestination): Promise<SaveResult> {
  const handler = getSaveHandler(destination);
  const topology = modelTopology(model);
  // Saved names are the layer-scoped names (`dense/kernel`), not the unique variable names.
  const named = model.layers.flatMap((layer) => layer.weights.map((v) => ({ name: layer.originalNameOf(v), tensor: v })));
  const { specs, data } = await encodeWeights(named);
  return handler.save({
    modelTopology: topology,
    weightSpecs: specs,
    weightData: data,
    format: 'layers-model',
    generatedBy: GENERATED_BY,
    convertedBy: null,
  });
}
