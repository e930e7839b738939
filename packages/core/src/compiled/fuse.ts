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

/**
 * Applies the rules to nodes of a plan whose dead nodes are gone (reader counts are then exact).
 * Returns the new node list; the fused node takes the second node's place and output slot.
 */
export function fuseNodes(plan: Plan, nodes: readonly PlanNode[]): PlanNode[] {
  const kernels = plan.backend.kernels as Readonly<Record<string, unknown>>;
  const rules = FUSION_RULES.filter((r) => typeof kernels[r.fused] === 'function');
  if (rules.length === 0) return [...nodes];
  const readers = new Map<number, number>();
  const kept = new Set<number>(plan.outputs.map((o) => o.slot));
  const producer = new Map<number, number>();
  nodes.forEach((node, i) => {
    if (node.kind === 'kernel') {
      for (const s of node.inputSlots) readers.set(s, (readers.get(s) ?? 0) + 1);
      if (node.outSlot >= 0) producer.set(node.outSlot, i);
    } else if (node.kind === 'assign') {
      kept.add(node.slot);
    }
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
  const args: Record<string, SlotInfo> = {};
  const infos: SlotInfo[] = [];
  const inputSlots: number[] = [];
  for (const [key, [from, fromKey]] of Object.entries(rule.inputs)) {
    const node = from === 'first' ? first : second;
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
    kernel: rule.fused,
    fn,
    args,
    infos,
    inputSlots,
    attrs: rule.attrs(first, second),
    out: second.out,
    outSlot: second.outSlot,
    writes: [],
    frees: [],
  };
}
