/**
 * Records one eagerly run step into a plan (plan.ts). Tensors are tracked by their storage
 * handle: the step's arguments, variables and other outside tensors become source slots, kernel
 * outputs become computed slots, host writes become constants the plan keeps. What a static plan
 * cannot repeat (a host read, a tensor kept past the step, an in-place write to a computed
 * tensor) ends the trace with a one-line reason, and the step runs eagerly.
 */
import type { Backend } from '../backend.js';
import type { BackendValues } from '../dtype.js';
import { formatShape } from '../shape.js';
import { Tensor, Variable, type DataHandle } from '../tensor.js';
import type { KernelRecord, Recorder } from './hooks.js';
import { finishPlan, type Plan, type PlanNode, type SlotInfo, type SlotSource } from './plan.js';

/** Why a step cannot be compiled; the step then runs eagerly. */
export class TraceRefused extends Error {}

export class Trace implements Recorder {
  readonly sources: SlotSource[] = [];
  readonly nodes: PlanNode[] = [];
  private readonly slots = new Map<DataHandle, number>();
  private backendName: string | null = null;
  private backend: Backend | null = null;
  /** Constants' storage the trace holds a reference to (released if the trace is dropped). */
  readonly retained: DataHandle[] = [];
  /** The first reason the trace cannot be replayed, if any. */
  refused: string | null = null;

  constructor(args: readonly Tensor[]) {
    args.forEach((t, index) => {
      if (!this.slots.has(t.handle)) this.addSource(t.handle, { kind: 'arg', index });
    });
  }

  private refuse(reason: string): void {
    this.refused ??= reason;
  }

  private addSource(handle: DataHandle, source: SlotSource): number {
    const slot = this.sources.length;
    this.sources.push(source);
    this.slots.set(handle, slot);
    return slot;
  }

  /** The slot `t` reads: known storage, or a new source for a tensor from outside the step. */
  private slotOf(t: Tensor): number {
    const known = this.slots.get(t.handle);
    if (known !== undefined) {
      // A layer may read a variable through a view of its storage before the optimizer writes
      // the variable itself: the slot follows the variable, whose storage a write may replace.
      if (t instanceof Variable && this.sources[known].kind === 'handle') this.sources[known] = { kind: 'variable', variable: t };
      return known;
    }
    return this.addSource(t.handle, t instanceof Variable ? { kind: 'variable', variable: t } : { kind: 'handle', handle: t.handle });
  }

  kernel(call: KernelRecord): void {
    if (this.backend === null) {
      this.backend = call.backend;
      this.backendName = call.backendName;
    } else if (call.backend !== this.backend) {
      this.refuse(`${call.kernel} ran on backend '${call.backendName}' after kernels on '${this.backendName}'`);
      return;
    }
    const infos: SlotInfo[] = [];
    const inputSlots: number[] = [];
    const args: Record<string, SlotInfo | SlotInfo[]> = {};
    const input = (t: Tensor): SlotInfo => {
      const info: SlotInfo = { dataId: t.handle.dataId, shape: t.shape, dtype: t.dtype };
      infos.push(info);
      inputSlots.push(this.slotOf(t));
      return info;
    };
    for (const [key, value] of Object.entries(call.inputs)) {
      if (value === undefined) continue;
      args[key] = value instanceof Tensor ? input(value) : value.map(input);
    }
    const writes: Variable[] = [];
    for (const key of call.written) {
      const t = call.inputs[key];
      if (!(t instanceof Tensor)) continue;
      const source = this.sources[this.slots.get(t.handle) ?? -1];
      if (source?.kind === 'variable') writes.push(source.variable);
      else this.refuse(`${call.kernel} writes its input '${key}' in place, which is not a variable from outside the step`);
    }
    let outSlot = -1;
    if (call.output) {
      outSlot = this.addSource(call.output.handle, { kind: 'computed', shape: call.out.shape, dtype: call.out.dtype });
    }
    const node: PlanNode = {
      kind: 'kernel',
      kernel: call.kernel,
      fn: call.fn,
      args,
      infos,
      inputSlots,
      attrs: call.attrs,
      ...(call.live ? { live: call.live } : {}),
      out: call.out,
      outSlot,
      writes,
      frees: [],
    };
    this.nodes.push(node);
  }

  write(handle: DataHandle, values: BackendValues): void {
    handle.refCount++;
    this.retained.push(handle);
    this.addSource(handle, { kind: 'constant', handle, values: values.slice(), shape: [values.length] });
  }

  read(t: Tensor, api: string): void {
    this.refuse(`the step reads a tensor of shape ${formatShape(t.shape)} on the host (${api}); a compiled step cannot branch on values`);
  }

  assign(v: Variable, value: Tensor): void {
    const slot = this.slots.get(value.handle);
    if (slot === undefined || this.sources[slot].kind !== 'computed') {
      this.refuse(`the step assigns variable '${v.name}' a tensor it did not compute`);
      return;
    }
    this.nodes.push({ kind: 'assign', variable: v, slot, frees: [] });
  }

  host(fn: () => void): void {
    this.nodes.push({ kind: 'host', fn, frees: [] });
  }

  /** The plan, once the step returned `result`; null (with `refused` set) when it cannot replay. */
  finish(result: Tensor | readonly Tensor[]): Plan | null {
    const list = result instanceof Tensor ? [result] : [...result];
    const outputs = [];
    const outSlots = new Set<number>();
    for (const t of list) {
      if (!(t instanceof Tensor)) {
        this.refuse(`the step returned ${typeof t} where tensors were expected`);
        break;
      }
      const slot = this.slots.get(t.handle);
      if (slot === undefined || this.sources[slot].kind !== 'computed' || outSlots.has(slot)) {
        this.refuse(`the step returns a tensor of shape ${formatShape(t.shape)} that it did not compute itself (or returns it twice)`);
        break;
      }
      outSlots.add(slot);
      outputs.push({ slot, shape: t.shape, dtype: t.dtype, kept: t.kept });
    }
    const assigned = new Set<number>();
    for (const n of this.nodes) if (n.kind === 'assign') assigned.add(n.slot);
    for (const [handle, slot] of this.slots) {
      const source = this.sources[slot];
      if (source.kind === 'computed' && handle.refCount > 0 && !outSlots.has(slot) && !assigned.has(slot)) {
        this.refuse(
          `the step keeps a tensor of shape ${formatShape(source.shape)} it computed alive past its end (a new variable, or a cached value)`,
        );
        break;
      }
      if (source.kind === 'handle' && handle.refCount === 0) {
        this.refuse(`the step reads a tensor from outside it whose storage the step itself released`);
        break;
      }
    }
    if (this.refused !== null || this.backend === null || this.backendName === null) {
      if (this.backend === null) this.refuse('the step ran no kernels');
      return null;
    }
    return finishPlan({
      backendName: this.backendName,
      backend: this.backend,
      sources: this.sources,
      nodes: this.nodes,
      outputs,
      single: result instanceof Tensor,
    });
  }
}
