/**
 * A compiled step's static plan: a flat list of nodes over numbered storage slots, made from one
 * traced step (trace.ts) and run by replay.ts. It holds plain data (kernel names, attrs, shapes,
 * which slot each input reads and when each slot dies), so a backend can map a whole plan onto
 * its own machinery (prebuilt bind groups, a CUDA graph) instead of the generic replay loop.
 */
import type { Backend } from '../backend.js';
import type { BackendValues, DType } from '../dtype.js';
import type { DataId, KernelName, OutputInfo } from '../kernels/signatures.js';
import type { Shape } from '../shape.js';
import type { DataHandle, Variable } from '../tensor.js';
import { fuseNodes } from './fuse.js';
import type { KernelFn } from './hooks.js';

/** Where a slot's storage comes from when a replay starts. */
export type SlotSource =
  /** The step's argument at this index (a new tensor each call). */
  | { readonly kind: 'arg'; readonly index: number }
  /** A variable's current storage (an optimizer may have swapped it, `assign` may have). */
  | { readonly kind: 'variable'; readonly variable: Variable }
  /** A tensor from outside the step that is not a variable: its storage as traced. */
  | { readonly kind: 'handle'; readonly handle: DataHandle }
  /** Host values written during the trace; the plan holds the storage for its lifetime. */
  | { readonly kind: 'constant'; readonly handle: DataHandle; readonly values: BackendValues; readonly shape: Shape }
  /** The output of a kernel node in this plan. */
  | { readonly kind: 'computed'; readonly shape: Shape; readonly dtype: DType };

/** A TensorInfo whose storage the replay fills in before each call. */
export interface SlotInfo {
  dataId: DataId;
  readonly shape: Shape;
  readonly dtype: DType;
}

export interface KernelNode {
  readonly kind: 'kernel';
  readonly kernel: KernelName;
  readonly fn: KernelFn;
  /** The inputs as the backend takes them, by key; their `SlotInfo`s are `infos`, in order. */
  readonly args: Readonly<Record<string, SlotInfo | readonly SlotInfo[]>>;
  readonly infos: readonly SlotInfo[];
  /** The slot each of `infos` reads. */
  readonly inputSlots: readonly number[];
  readonly attrs: object;
  readonly live?: () => object;
  readonly out: OutputInfo;
  /** The slot the output goes to; -1 for an in-place kernel. */
  readonly outSlot: number;
  /** For an in-place kernel, the variables it writes (unshared before the write, as eagerly). */
  readonly writes: readonly Variable[];
  /** Slots whose storage this node is the last to read; freed after it runs. */
  frees: number[];
}

export interface HostNode {
  readonly kind: 'host';
  readonly fn: () => void;
  frees: number[];
}

/** `variable.assign(value)` where value was computed by the step: the variable takes the slot. */
export interface AssignNode {
  readonly kind: 'assign';
  readonly variable: Variable;
  readonly slot: number;
  frees: number[];
}

export type PlanNode = KernelNode | HostNode | AssignNode;

export interface PlanOutput {
  readonly slot: number;
  readonly shape: Shape;
  readonly dtype: DType;
  /** The traced output was `keep()`-ed, so a caller's `tidy` must leave the replayed one alive too. */
  readonly kept: boolean;
}

export interface Plan {
  readonly backendName: string;
  readonly backend: Backend;
  readonly sources: readonly SlotSource[];
  readonly nodes: readonly PlanNode[];
  readonly outputs: readonly PlanOutput[];
  /** Whether the step function returned one tensor (not a list). */
  readonly single: boolean;
}

/**
 * Drops kernel nodes whose outputs nothing reads (the tape computes what eager code asked for,
 * some of which a step never uses), fuses kernel pairs the backend has a fused kernel for
 * (fuse.ts), then marks each computed slot's last reader, which frees it.
 */
export function finishPlan(plan: Plan): Plan {
  const needed = new Set<number>(plan.outputs.map((o) => o.slot));
  const kept: PlanNode[] = [];
  for (let i = plan.nodes.length - 1; i >= 0; i--) {
    const node = plan.nodes[i];
    if (node.kind === 'kernel' && node.outSlot >= 0 && !needed.has(node.outSlot)) continue;
    if (node.kind === 'kernel') for (const s of node.inputSlots) needed.add(s);
    if (node.kind === 'assign') needed.add(node.slot);
    kept.push(node);
  }
  kept.reverse();
  const nodes = fuseNodes(plan, kept);
  const keep = new Set<number>(plan.outputs.map((o) => o.slot));
  for (const node of nodes) if (node.kind === 'assign') keep.add(node.slot);
  const freed = new Set<number>();
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    node.frees = [];
    const reads = node.kind === 'kernel' ? node.inputSlots : node.kind === 'assign' ? [] : [];
    for (const s of reads) {
      if (plan.sources[s].kind !== 'computed' || keep.has(s) || freed.has(s)) continue;
      freed.add(s);
      node.frees.push(s);
    }
  }
  return { ...plan, nodes };
}
