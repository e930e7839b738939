/**
 * Fusion on a traced plan. With the whole step known, a pair of kernels where the first one's
 * output is read by the second alone can run as one fused kernel, which saves a pass over that
 * output (written, then read back) and a dispatch. A rule fires only where the plan's backend
 * implements the fused kernel: the contract makes every fused kernel optional, so a backend
 * without it replays the pair as traced.
 *
 * The rules (each fused kernel is in the contract, with conformance cases and a decomposition):
 * - avgPoolGrad, then activationGrad of its output: `fusedAvgPoolGrad` (the gradient through a
 *   fused conv's activation and the average pool after it, as LeNet's backward pass has twice).
 *
 * Then a fused kernel whose output only gradients read may run inside each of its readers instead
 * (READER_RULES): every reader computes its share of it from the fused kernel's own inputs, and
 * the output is never written. LeNet's first conv: its gradient at the conv's output (the size of
 * the conv's output, the step's largest tensor) is read only by the filter and bias gradients, as
 * the conv's input is data and needs no gradient.
 * - fusedAvgPoolGrad read as conv2dBackpropFilter's dy: `fusedPoolConv2dBackpropFilter`;
 * - fusedAvgPoolGrad summed over all but the channels (a bias gradient): `fusedPoolBiasGrad`.
 */
import type { KernelName } from '../kernels/signatures.js';
import type { KernelFn } from './hooks.js';
import type { KernelNode, Plan, PlanNode, SlotInfo } from './plan.js';

interface FusionRule {
  /** The fused kernel a backend must have for the rule to apply. */
  readonly fused: KernelName;
  /** The kernel whose output the second one reads. */
  readonly first: KernelName;
  readonly second: KernelName;
  /** The key of `second`'s input that reads `first`'s output. */
  readonly via: string;
  /** The fused node's inputs (key: which node's input, by key) and attrs. */
  readonly inputs: Readonly<Record<string, readonly ['first' | 'second', string]>>;
  attrs(first: KernelNode, second: KernelNode): object;
}

export const FUSION_RULES: readonly FusionRule[] = [
  {
    fused: 'fusedAvgPoolGrad',
    first: 'avgPoolGrad',
    second: 'activationGrad',
    via: 'dy',
    // avgPoolGrad reads only its x's shape, which is the activation output's shape.
    inputs: { dy: ['first', 'dy'], y: ['second', 'y'] },
    attrs: (first, second) => ({ ...first.attrs, ...second.attrs }),
  },
];

interface ReaderRule {
  /** The fused kernel a backend must have for the rule to apply. */
  readonly fused: KernelName;
  /** The kernel whose output the reader reads, and the reader. */
  readonly first: KernelName;
  readonly reader: KernelName;
  /** The key of the reader's input that reads `first`'s output. */
  readonly via: string;
  /** Whether this reader (its attrs) is one the fused kernel covers. */
  accepts(reader: KernelNode): boolean;
  /** The fused node's inputs (key: which node's input, by key) and attrs. */
  readonly inputs: Readonly<Record<string, readonly ['first' | 'reader', string]>>;
  attrs(first: KernelNode, reader: KernelNode): object;
}

/** Splits fusedAvgPoolGrad's attrs into the pool's and the activation. */
function poolAndActivation(first: KernelNode): { pool: object; activation: unknown } {
  const { activation, ...pool } = first.attrs as { activation: unknown };
  return { pool, activation };
}

export const READER_RULES: readonly ReaderRule[] = [
  {
    fused: 'fusedPoolConv2dBackpropFilter',
    first: 'fusedAvgPoolGrad',
    reader: 'conv2dBackpropFilter',
    via: 'dy',
    accepts: () => true,
    inputs: { x: ['reader', 'x'], dy: ['first', 'dy'], y: ['first', 'y'] },
    attrs: (first, reader) => ({ ...reader.attrs, ...poolAndActivation(first) }),
  },
  {
    fused: 'fusedPoolBiasGrad',
    first: 'fusedAvgPoolGrad',
    reader: 'reduce',
    via: 'x',
    accepts: (reader) => {
      const { op, axes, keepDims } = reader.attrs as { op: string; axes: readonly number[]; keepDims: boolean };
      return op === 'sum' && !keepDims && axes.length === 3 && axes.every((a, i) => a === i);
    },
    inputs: { dy: ['first', 'dy'], y: ['first', 'y'] },
    attrs: (first) => first.attrs,
  },
];

/**
 * Applies the rules to nodes of a plan whose dead nodes are gone (reader counts are then exact):
 * the pair rules, then the reader rules. Returns the new node list; a fused node takes the place
 * and output slot of the node it replaces (the pair's second, or the reader).
 */
export function fuseNodes(plan: Plan, nodes: readonly PlanNode[]): PlanNode[] {
  return fuseIntoReaders(plan, fusePairs(plan, nodes));
}

/** Where every reader of a node's output has a reader rule, each reader runs its fused kernel. */
function fuseIntoReaders(plan: Plan, nodes: readonly PlanNode[]): PlanNode[] {
  const kernels = plan.backend.kernels as Readonly<Record<string, unknown>>;
  const rules = READER_RULES.filter((r) => typeof kernels[r.fused] === 'function');
  if (rules.length === 0) return [...nodes];
  const kept = keptSlots(plan, nodes);
  const readersOf = new Map<number, number[]>();
  nodes.forEach((node, j) => {
    if (node.kind !== 'kernel') return;
    for (const s of new Set(node.inputSlots)) readersOf.set(s, [...(readersOf.get(s) ?? []), j]);
  });
  const out: (PlanNode | null)[] = [...nodes];
  nodes.forEach((first, i) => {
    if (first.kind !== 'kernel' || first.live || first.outSlot < 0 || kept.has(first.outSlot)) return;
    const readers = readersOf.get(first.outSlot) ?? [];
    if (readers.length === 0) return;
    const fusedReaders: [number, KernelNode][] = [];
    for (const j of readers) {
      const reader = nodes[j] as KernelNode;
      const rule = rules.find(
        (r) =>
          r.first === first.kernel &&
          r.reader === reader.kernel &&
          !reader.live &&
          slotOfKey(reader, r.via) === first.outSlot &&
          // Read through `via` alone: a reader that also takes it as another input keeps it.
          reader.inputSlots.filter((s) => s === first.outSlot).length === 1 &&
          r.accepts(reader),
      );
      if (!rule || !quietBetween(nodes, i, j)) return;
      const fn = kernels[rule.fused] as KernelFn;
      fusedReaders.push([
        j,
        buildNode(rule.fused, fn, rule.inputs, (from) => (from === 'first' ? first : reader), rule.attrs(first, reader), reader),
      ]);
    }
    out[i] = null;
    for (const [j, node] of fusedReaders) out[j] = node;
  });
  return out.filter((n): n is PlanNode => n !== null);
}

/** Slots a plan must keep whatever reads them: its outputs and the variables' new values. */
function keptSlots(plan: Plan, nodes: readonly PlanNode[]): Set<number> {
  const kept = new Set<number>(plan.outputs.map((o) => o.slot));
  for (const node of nodes) if (node.kind === 'assign') kept.add(node.slot);
  return kept;
}

function fusePairs(plan: Plan, nodes: readonly PlanNode[]): PlanNode[] {
  const kernels = plan.backend.kernels as Readonly<Record<string, unknown>>;
  const rules = FUSION_RULES.filter((r) => typeof kernels[r.fused] === 'function');
  if (rules.length === 0) return [...nodes];
  const readers = new Map<number, number>();
  const kept = keptSlots(plan, nodes);
  const producer = new Map<number, number>();
  nodes.forEach((node, i) => {
    if (node.kind !== 'kernel') return;
    for (const s of node.inputSlots) readers.set(s, (readers.get(s) ?? 0) + 1);
    if (node.outSlot >= 0) producer.set(node.outSlot, i);
  });
  const out: (PlanNode | null)[] = [...nodes];
  nodes.forEach((second, j) => {
    if (second.kind !== 'kernel' || second.live) return;
    for (const rule of rules) {
      if (second.kernel !== rule.second) continue;
      const slot = slotOfKey(second, rule.via);
      const i = slot === undefined ? undefined : producer.get(slot);
      if (slot === undefined || i === undefined || kept.has(slot) || readers.get(slot) !== 1) continue;
      const first = out[i];
      if (first?.kind !== 'kernel' || first.kernel !== rule.first || first.live || !quietBetween(out, i, j)) continue;
      out[i] = null;
      out[j] = fusedNode(rule, first, second, kernels[rule.fused] as KernelFn);
      break;
    }
  });
  return out.filter((n): n is PlanNode => n !== null);
}

/** The slot a node's single-tensor input `key` reads. */
function slotOfKey(node: KernelNode, key: string): number | undefined {
  const info = node.args[key];
  if (info === undefined || Array.isArray(info)) return undefined;
  const at = node.infos.indexOf(info as SlotInfo);
  return at < 0 ? undefined : node.inputSlots[at];
}

/** No node between the pair writes a variable or runs host code, so moving `first`'s reads to
 *  `second`'s place reads the same storage. */
function quietBetween(nodes: readonly (PlanNode | null)[], i: number, j: number): boolean {
  for (let k = i + 1; k < j; k++) {
    const n = nodes[k];
    if (n && (n.kind !== 'kernel' || n.writes.length > 0)) return false;
  }
  return true;
}

function fusedNode(rule: FusionRule, first: KernelNode, second: KernelNode, fn: KernelFn): KernelNode {
  return buildNode(rule.fused, fn, rule.inputs, (from) => (from === 'first' ? first : second), rule.attrs(first, second), second);
}

/** A kernel node of `kernel` reading the given inputs of the nodes it stands for, in `place`'s
 *  place (its output and output slot). */
function buildNode<F extends string>(
  kernel: KernelName,
  fn: KernelFn,
  inputs: Readonly<Record<string, readonly [F, string]>>,
  nodeOf: (from: F) => KernelNode,
  attrs: object,
  place: KernelNode,
): KernelNode {
  const args: Record<string, SlotInfo> = {};
  const infos: SlotInfo[] = [];
  const inputSlots: number[] = [];
  for (const [key, [from, fromKey]] of Object.entries(inputs)) {
    const node = nodeOf(from);
    const slot = slotOfKey(node, fromKey);
    const info = node.args[fromKey] as SlotInfo;
    if (slot === undefined) throw new Error(`fuse: ${node.kernel} has no input '${fromKey}'`);
    const copy: SlotInfo = { dataId: info.dataId, shape: info.shape, dtype: info.dtype };
    args[key] = copy;
    infos.push(copy);
    inputSlots.push(slot);
  }
  return {
    kind: 'kernel',
    kernel,
    fn,
    args,
    infos,
    inputSlots,
    attrs,
    out: place.out,
    outSlot: place.outSlot,
    writes: [],
    frees: [],
  };
}
