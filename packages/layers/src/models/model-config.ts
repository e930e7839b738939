/**
 * Model configs in Keras JSON, as TensorFlow.js writes them: snake_case layer configs, a
 * `Sequential` with the input shape on its first layer, a `Model` with inbound_nodes.
 * Type-only imports of the model classes: they call in here, not the other way round.
 */
import type { Layer } from '../layer.js';
import { isConfigDict, toSnakeDict, type ConfigDict, type JsonValue } from '../serialization.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import type { Model } from './model.js';
import type { Sequential } from './sequential.js';

export const KERAS_VERSION = 'tfjs-layers 4.22.0';
export const BACKEND_NAME = 'tensor_flow.js';

function layerEntry(layer: Layer): ConfigDict {
  return { class_name: layer.className, config: toSnakeDict(layer.getConfig()) };
}

/** The topology object of model.json. */
export function modelTopology(model: Model): ConfigDict {
  return { class_name: model.className, config: model.getConfig(), keras_version: KERAS_VERSION, backend: BACKEND_NAME };
}

export function sequentialConfig(model: Sequential): ConfigDict {
  const layers = model.layers.map(layerEntry);
  const first = layers[0];
  const input = model.input;
  // TensorFlow.js reads the input shape from the first layer's batch_input_shape.
  if (first && input && isConfigDict(first.config) && first.config.batch_input_shape === undefined) {
    first.config.batch_input_shape = [...(input.batchInputShape ?? [])];
    first.config.dtype = input.dtype;
  }
  return { name: model.name, layers };
}

export function functionalConfig(model: Model): ConfigDict {
  const ref = (t: SymbolicTensor): JsonValue => [t.sourceLayer.name, model.modelNodeIndex(t), t.tensorIndex];
  const layers = model.layers.map((layer): ConfigDict => {
    const nodes = layer.inboundNodes.filter((n) => model.nodes.includes(n) && n.inputs.length > 0);
    return {
      name: layer.name,
      class_name: layer.className,
      config: toSnakeDict(layer.getConfig()),
      inbound_nodes: nodes.map((n) => n.inputs.map((t) => [t.sourceLayer.name, model.modelNodeIndex(t), t.tensorIndex, {}])),
    };
  });
  return { name: model.name, layers, input_layers: model.inputs.map(ref), output_layers: model.outputs.map(ref) };
}
