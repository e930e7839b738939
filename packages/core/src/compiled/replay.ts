/**
 * Runs a plan: one loop over its nodes calling the backend's kernel functions directly, with no
 * shape inference, tape, tensor objects or scopes in between. Storage comes from the backend as
 * eagerly (its pools make that reuse) and goes back to it at each slot's last reader, so a replay
 * holds no more than the eager step did and memory stays flat from one replay to the next.
 */
import type { Backend } from '../backend.js';
import type { DataId, OutputInfo } from '../kernels/signatures.js';
import type { Tensor, Variable } from '../tensor.js';
import type { Plan } from './plan.js';

/** What replay needs of the engine. */
export interface ReplayHost {
  /** A new tensor over storage a kernel made. */
  adopt(backendName: string, backend: Backend, dataId: DataId, out: OutputInfo): Tensor;
  /** Gives a variable storage of its own (copy-on-write) and marks it written, before an in-place kernel. */
  prepareWrite(v: Variable): void;
}

/** Whether every tensor the plan reads from outside is alive and on the plan's backend. */
export function canReplay(plan: Plan, args: readonly Tensor[]): boolean {
  for (const t of args) if (t.disposed || t.handle.backend !== plan.backend) return false;
  for (const s of plan.sources) {
    if (s.kind === 'arg' && s.index >= args.length) return false;
    if (s.kind === 'variable' && (s.variable.disposed || s.variable.handle.backend !== plan.backend)) return false;
    if ((s.kind === 'handle' || s.kind === 'constant') && (s.handle.refCount === 0 || s.handle.backend !== plan.backend)) return false;
  }
  return true;
}

export function replay(plan: Plan, args: readonly Tensor[], host: ReplayHost): Tensor[] {
  const { backend, sources } = plan;
  const ids: (DataId | undefined)[] = new Array(sources.length);
  for (let s = 0; s < sources.length; s++) {
    const src = sources[s];
    if (src.kind === 'arg') ids[s] = args[src.index].handle.dataId;
    else if (src.kind === 'variable') ids[s] = src.variable.handle.dataId;
    else if (src.kind === 'handle' || src.kind === 'constant') ids[s] = src.handle.dataId;
  }
  const owned: number[] = [];
  try {
    for (const node of plan.nodes) {
      if (node.kind === 'kernel') {
        for (const v of node.writes) {
          host.prepareWrite(v);
          // Copy-on-write may have moved the variable; every read of it in this node sees the move.
          refreshVariable(plan, ids, v);
        }
        const { infos, inputSlots } = node;
        for (let i = 0; i < infos.length; i++) infos[i].dataId = ids[inputSlots[i]] as DataId;
        const attrs = node.live ? node.live() : node.attrs;
        const id = node.fn(backend, node.args as never, attrs as never, node.out);
        if (node.outSlot >= 0) {
          ids[node.outSlot] = id as DataId;
          owned.push(node.outSlot);
        }
      } else if (node.kind === 'host') {
        node.fn();
      } else {
        // The variable owns the storage from here; later nodes of this replay still read the slot.
        const t = host.adopt(plan.backendName, backend, ids[node.slot] as DataId, sources[node.slot] as OutputInfo);
        owned.splice(owned.indexOf(node.slot), 1);
        node.variable.assign(t);
        t.dispose();
      }
      for (const s of node.frees) {
        backend.disposeData(ids[s] as DataId);
        ids[s] = undefined;
      }
    }
  } catch (err) {
    for (const s of owned) if (ids[s] !== undefined) backend.disposeData(ids[s] as DataId);
    throw err;
  }
  return plan.outputs.map((o) => {
    const t = host.adopt(plan.backendName, backend, ids[o.slot] as DataId, o);
    if (o.kept) t.kept = true;
    return t;
  });
}

function refreshVariable(plan: Plan, ids: (DataId | undefined)[], v: Variable): void {
  for (let s = 0; s < plan.sources.length; s++) {
    const src = plan.sources[s];
    if (src.kind === 'variable' && src.variable === v) ids[s] = v.handle.dataId;
  }
}
