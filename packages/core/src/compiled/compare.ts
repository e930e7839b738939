/**
 * Two traces of the same step must agree before either is replayed: what differs between two
 * eager runs (a draw's seed, a learning rate baked into a constant, a shape that depends on
 * values) would be frozen by a static plan. Returns why they differ, or null.
 */
import { formatShape, type Shape } from '../shape.js';
import type { Plan, PlanNode, SlotSource } from './plan.js';

export function planDifference(a: Plan, b: Plan): string | null {
  if (a.backend !== b.backend) return `the two traces ran on different backends ('${a.backendName}', '${b.backendName}')`;
  if (a.nodes.length !== b.nodes.length) return `the two traces made ${a.nodes.length} and ${b.nodes.length} calls`;
  for (let i = 0; i < a.nodes.length; i++) {
    const why = nodeDifference(a.nodes[i], b.nodes[i]);
    if (why !== null) return `call ${i + 1} differs between two runs: ${why}`;
  }
  if (a.sources.length !== b.sources.length) return `the two traces used ${a.sources.length} and ${b.sources.length} tensors`;
  for (let s = 0; s < a.sources.length; s++) {
    const why = sourceDifference(a.sources[s], b.sources[s]);
    if (why !== null) return why;
  }
  if (a.outputs.length !== b.outputs.length || a.outputs.some((o, i) => o.slot !== b.outputs[i].slot)) {
    return 'the two traces returned different tensors';
  }
  return null;
}

function nodeDifference(a: PlanNode, b: PlanNode): string | null {
  if (a.kind !== b.kind) return `${a.kind} vs ${b.kind}`;
  if (a.kind === 'host' || b.kind === 'host') return null;
  if (a.kind === 'assign' || b.kind === 'assign') {
    return a.kind === 'assign' && b.kind === 'assign' && a.variable === b.variable && a.slot === b.slot ? null : 'a different assign';
  }
  if (a.kernel !== b.kernel || a.fn !== b.fn) return `${a.kernel} vs ${b.kernel}`;
  if (!sameNumbers(a.inputSlots, b.inputSlots)) return `${a.kernel} read different tensors`;
  for (let i = 0; i < a.infos.length; i++) {
    if (!sameShape(a.infos[i].shape, b.infos[i].shape)) {
      return `${a.kernel} input ${i} has shape ${formatShape(a.infos[i].shape)}, then ${formatShape(b.infos[i].shape)} (a shape that depends on values)`;
    }
  }
  if (!sameShape(a.out.shape, b.out.shape) || a.out.dtype !== b.out.dtype || a.outSlot !== b.outSlot) return `${a.kernel}'s output differs`;
  if ((a.live === undefined) !== (b.live === undefined)) return `${a.kernel}'s attributes differ`;
  if (a.live === undefined && !sameValue(a.attrs, b.attrs)) {
    return `${a.kernel}'s attributes changed (${JSON.stringify(a.attrs)} then ${JSON.stringify(b.attrs)})`;
  }
  if (a.writes.length !== b.writes.length || a.writes.some((v, i) => v !== b.writes[i])) return `${a.kernel} wrote different variables`;
  return null;
}

function sourceDifference(a: SlotSource, b: SlotSource): string | null {
  if (a.kind !== b.kind) return `a tensor is ${a.kind} in one trace and ${b.kind} in the other`;
  if (a.kind === 'arg' && b.kind === 'arg' && a.index !== b.index) return 'the arguments were used differently';
  if (a.kind === 'variable' && b.kind === 'variable' && a.variable !== b.variable) return 'different variables were read';
  if (a.kind === 'handle' && b.kind === 'handle' && a.handle !== b.handle) {
    return 'the step reads a different outside tensor on each run (make it an argument or a variable)';
  }
  if (a.kind === 'constant' && b.kind === 'constant') {
    if (a.handle.dtype !== b.handle.dtype || !sameNumbers(a.values, b.values)) {
      return `a tensor the step makes from host values (${a.values.length} values) changed between runs (a random draw on the host, or a value that changes each step)`;
    }
  }
  return null;
}

function sameShape(a: Shape, b: Shape): boolean {
  return sameNumbers(a, b);
}

function sameNumbers(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Structural equality for kernel attrs (numbers, strings, booleans, arrays, plain objects). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || ArrayBuffer.isView(a)) {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameValue(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
