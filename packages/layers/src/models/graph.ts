/**
 * The functional graph of a model: the nodes between its inputs and outputs in an order where
 * every node comes after the nodes it reads, and the layers in that order.
 */
import { ArgumentError, ShapeError, type Tensor } from '@tensile/core';
import type { Layer } from '../layer.js';
import { InputLayer } from '../layers/core/input-layer.js';
import { type Node, SymbolicTensor } from '../symbolic-tensor.js';

export interface Graph {
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: readonly SymbolicTensor[];
  /** Every node, producers before consumers (input layers' nodes first). */
  readonly nodes: readonly Node[];
  /** Each layer once, in the order of its first node. */
  readonly layers: readonly Layer[];
}

export function nodeOf(t: SymbolicTensor): Node {
  const node = t.sourceLayer.inboundNodes[t.nodeIndex];
  if (!node) throw new ArgumentError(`model: ${t.name} does not come from a layer call`);
  return node;
}

/** Builds the graph by walking back from the outputs; every path must end at one of `inputs`. */
export function buildGraph(modelName: string, inputs: readonly SymbolicTensor[], outputs: readonly SymbolicTensor[]): Graph {
  if (inputs.length === 0 || outputs.length === 0) throw new ArgumentError(`${modelName}: a model needs at least one input and one output`);
  for (const t of inputs) {
    if (!(t instanceof SymbolicTensor) || !(t.sourceLayer instanceof InputLayer)) {
      throw new ArgumentError(`${modelName}: every input must come from input({shape}), got ${String(t)}`);
    }
  }
  const inputNodes = new Set(inputs.map(nodeOf));
  const order: Node[] = [];
  const state = new Map<Node, 'visiting' | 'done'>();
  const visit = (node: Node): void => {
    const s = state.get(node);
    if (s === 'done') return;
    if (s === 'visiting') throw new ArgumentError(`${modelName}: the graph has a cycle through layer '${node.layer.name}'`);
    state.set(node, 'visiting');
    if (node.inputs.length === 0 && !inputNodes.has(node)) {
      throw new ArgumentError(
        `${modelName}: graph disconnected: '${node.layer.name}' is an input the outputs depend on, but it is not in the model's inputs`,
      );
    }
    for (const t of node.inputs) visit(nodeOf(t));
    state.set(node, 'done');
    order.push(node);
  };
  // Inputs first, in the given order, so input layers lead the layer list.
  for (const n of inputNodes) visit(n);
  for (const t of outputs) visit(nodeOf(t));
  const layers: Layer[] = [];
  const seenNames = new Map<string, Layer>();
  for (const node of order) {
    const layer = node.layer;
    const other = seenNames.get(layer.name);
    if (other && other !== layer)
      throw new ArgumentError(`${modelName}: two different layers are named '${layer.name}'; layer names must be unique in a model`);
    if (!other) {
      seenNames.set(layer.name, layer);
      layers.push(layer);
    }
  }
  return { inputs, outputs, nodes: order, layers };
}

/** Runs the graph on concrete inputs; returns the outputs in order. Call inside a tidy. */
export function runGraph(graph: Graph, xs: readonly Tensor[], training: boolean, modelName: string): Tensor[] {
  if (xs.length !== graph.inputs.length) {
    throw new ArgumentError(`${modelName}: expected ${graph.inputs.length} input tensor(s), got ${xs.length}`);
  }
  const values = new Map<number, Tensor>();
  graph.inputs.forEach((s, i) => {
    checkInput(modelName, nodeOf(s).layer.name, s, xs[i]);
    values.set(s.id, xs[i]);
  });
  // Keras' masks travel beside the values: a layer gets its single input's mask and says what mask
  // its outputs carry (computeMask); multi-input layers get none.
  const masks = new Map<number, Tensor | null>();
  for (const node of graph.nodes) {
    if (node.inputs.length === 0) continue;
    const args = node.inputs.map((t) => {
      const v = values.get(t.id);
      if (!v) throw new ArgumentError(`${modelName}: no value for ${t.name}`);
      return v;
    });
    const x = args.length === 1 ? args[0] : args;
    const mask = node.inputs.length === 1 ? (masks.get(node.inputs[0].id) ?? null) : null;
    const ys = node.layer.applyAll(x, mask ? { training, mask } : { training });
    const outMask = node.layer.computeMask(x, mask);
    node.outputs.forEach((o, i) => {
      values.set(o.id, ys[i]);
      const m = Array.isArray(outMask) ? outMask[i] : i === 0 ? outMask : null;
      if (m) masks.set(o.id, m);
    });
  }
  return graph.outputs.map((o) => {
    const v = values.get(o.id);
    if (!v) throw new ArgumentError(`${modelName}: output ${o.name} was not computed`);
    return v;
  });
}

function checkInput(modelName: string, inputName: string, spec: SymbolicTensor, x: Tensor): void {
  const ok = x.rank === spec.rank && spec.shape.every((d, i) => d === null || d === x.shape[i]);
  if (!ok) {
    const expected = spec.shape.map((d) => (d === null ? 'null' : d)).join(', ');
    throw new ShapeError(`${modelName}: input '${inputName}' expects shape [${expected}], got [${x.shape.join(', ')}]`);
  }
}
