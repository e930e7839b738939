/**
 * Models from Keras JSON topologies: TensorFlow.js' (snake_case keys, `Sequential` with the input
 * shape on its first layer, `Model` with inbound_nodes) and Keras 3's (`Functional`, `batch_shape`,
 * `module`/`registered_name`, `__keras_tensor__` nodes).
 */
import { ModelFormatError } from '@tensile/core';
import type { Layer } from '../layer.js';
import { BUILTIN_LAYERS } from '../layers/index.js';
import { InputLayer } from '../layers/core/input-layer.js';
import { getRegisteredLayer, isConfigDict, registeredLayerNames, toCamelDict, type ConfigDict, type JsonValue } from '../serialization.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { Model } from './model.js';
import { Sequential } from './sequential.js';

/** A layer from `{class_name, config}` (snake_case config), by its registered class. */
export function deserializeLayer(entry: JsonValue): Layer {
  if (!isConfigDict(entry) || typeof entry.class_name !== 'string') {
    throw new ModelFormatError(`loadModel: a layer entry must be {class_name, config}, got ${JSON.stringify(entry)?.slice(0, 200)}`);
  }
  const className = entry.class_name;
  const cls = BUILTIN_LAYERS.find((c) => c.className === className) ?? getRegisteredLayer(className);
  if (!cls) {
    throw new ModelFormatError(
      `loadModel: unknown layer class '${className}'; known: ${registeredLayerNames().join(', ')}. Register custom layers with registerLayer(MyLayer)`,
    );
  }
  const config = isConfigDict(entry.config) ? toCamelDict(entry.config) : {};
  return cls.fromConfig(config);
}

/** Builds the model a topology describes (layers built, weights freshly initialised). */
export function modelFromTopology(topology: ConfigDict, created: Layer[]): Model {
  const className = topology.class_name;
  const config = topology.config;
  if (className === 'Sequential') return sequentialFrom(config, created);
  if (className === 'Model' || className === 'Functional') {
    if (!isConfigDict(config)) throw new ModelFormatError(`loadModel: the ${className} topology has no config object`);
    return functionalFrom(config, created);
  }
  throw new ModelFormatError(`loadModel: unsupported model class ${JSON.stringify(className)}; expected Sequential, Model or Functional`);
}

function sequentialFrom(config: JsonValue | undefined, created: Layer[]): Sequential {
  // Keras 2.0 wrote a bare list of layers; later versions {name, layers}.
  const layers = Array.isArray(config) ? config : isConfigDict(config) ? config.layers : undefined;
  if (!Array.isArray(layers)) throw new ModelFormatError('loadModel: the Sequential topology has no layers list');
  const name = isConfigDict(config) && typeof config.name === 'string' ? config.name : undefined;
  const model = new Sequential({ name });
  for (const entry of layers) {
    const layer = deserializeLayer(entry);
    created.push(layer);
    model.add(layer);
  }
  if (!model.built) throw new ModelFormatError('loadModel: the Sequential model has no input shape (batch_input_shape or an InputLayer)');
  return model;
}

type TensorRef = [string, number, number];

function tensorRef(v: JsonValue, where: string): TensorRef {
  if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number' && typeof v[2] === 'number') return [v[0], v[1], v[2]];
  // Keras 3: {class_name: '__keras_tensor__', config: {keras_history: [layer, node, tensor]}}.
  if (isConfigDict(v) && isConfigDict(v.config) && Array.isArray(v.config.keras_history)) return tensorRef(v.config.keras_history, where);
  throw new ModelFormatError(`loadModel: malformed tensor reference in ${where}: ${JSON.stringify(v)?.slice(0, 200)}`);
}

/** The tensor references of one inbound node, in the TF.js form or Keras 3's {args, kwargs}. */
function nodeRefs(node: JsonValue, where: string): TensorRef[] {
  if (isConfigDict(node) && Array.isArray(node.args)) {
    const args = node.args.length === 1 && Array.isArray(node.args[0]) && !(typeof node.args[0][0] === 'string') ? node.args[0] : node.args;
    return args.map((a) => tensorRef(a, where));
  }
  if (Array.isArray(node)) return node.map((a) => tensorRef(a, where));
  throw new ModelFormatError(`loadModel: malformed inbound node in ${where}`);
}

function refList(v: JsonValue | undefined, where: string): TensorRef[] {
  if (!Array.isArray(v)) throw new ModelFormatError(`loadModel: ${where} must be a list`);
  // Keras 3 writes a single input/output as a bare [name, node, tensor].
  if (typeof v[0] === 'string') return [tensorRef(v, where)];
  return v.map((r) => tensorRef(r, where));
}

function functionalFrom(config: ConfigDict, created: Layer[]): Model {
  const entries = config.layers;
  if (!Array.isArray(entries)) throw new ModelFormatError('loadModel: the functional topology has no layers list');
  const byName = new Map<string, Layer>();
  const pending: { layer: Layer; refs: TensorRef[] }[] = [];
  for (const entry of entries) {
    const layer = deserializeLayer(entry);
    created.push(layer);
    if (byName.has(layer.name)) throw new ModelFormatError(`loadModel: two layers are named '${layer.name}'`);
    byName.set(layer.name, layer);
    const nodes = isConfigDict(entry) && Array.isArray(entry.inbound_nodes) ? entry.inbound_nodes : [];
    for (const node of nodes) pending.push({ layer, refs: nodeRefs(node, `layer '${layer.name}'`) });
  }
  // Outputs per layer: by node, then by tensor index (an RNN with returnState has several).
  const outputs = new Map<string, SymbolicTensor[][]>();
  for (const layer of byName.values()) if (layer instanceof InputLayer) outputs.set(layer.name, [[layer.output]]);
  const lookup = (r: TensorRef): SymbolicTensor | undefined => outputs.get(r[0])?.[r[1]]?.[r[2]];
  // Apply nodes whose inputs exist, until none is left (the list need not be in graph order).
  while (pending.length > 0) {
    const ready = pending.findIndex((p) => p.refs.every((r) => lookup(r) !== undefined));
    if (ready < 0) {
      const missing = pending[0].refs.find((r) => lookup(r) === undefined);
      throw new ModelFormatError(`loadModel: layer '${pending[0].layer.name}' reads ${JSON.stringify(missing)}, which no layer produces`);
    }
    const [{ layer, refs }] = pending.splice(ready, 1);
    const ins = refs.map((r) => lookup(r)).filter((t): t is SymbolicTensor => t !== undefined);
    const outs = layer.applyAll(ins.length === 1 ? ins[0] : ins);
    outputs.set(layer.name, [...(outputs.get(layer.name) ?? []), outs]);
  }
  const resolve = (refs: TensorRef[], what: string): SymbolicTensor[] =>
    refs.map((r) => {
      const t = lookup(r);
      if (!t) throw new ModelFormatError(`loadModel: ${what} ${JSON.stringify(r)} does not exist`);
      return t;
    });
  const name = typeof config.name === 'string' ? config.name : undefined;
  return new Model({
    name,
    inputs: resolve(refList(config.input_layers, 'input_layers'), 'input'),
    outputs: resolve(refList(config.output_layers, 'output_layers'), 'output'),
  });
}
