/**
 * `compileStep(fn)`: a training step (or any tensor function) run from a static plan. The first
 * call for a set of argument shapes runs eagerly (optimizers build their state then), the next two
 * are traced while they run eagerly, and when both traces agree every later call replays the plan
 * (replay.ts). New shapes or another backend trace again; a step that cannot be replayed runs
 * eagerly, with its one-line reason given once to `onFallback` and kept in `status()`.
 */
import { ENGINE } from '../engine.js';
import { ArgumentError } from '../errors.js';
import { formatShape } from '../shape.js';
import { Tensor, type DataHandle } from '../tensor.js';
import { planDifference } from './compare.js';
import { FUSION_RULES, READER_RULES } from './fuse.js';
import { recorder, recording } from './hooks.js';
import type { Plan } from './plan.js';
import { canReplay, replay } from './replay.js';
import { Trace } from './trace.js';

export interface CompileStepOptions {
  /** Names the step in messages. Default 'step'. */
  name?: string;
  /** Told, once per argument shapes, why a step runs eagerly. Default: `console.warn`. */
  onFallback?: (reason: string) => void;
}

export interface CompiledStepStatus {
  /** How the last call ran: eagerly (warm-up or fallback), traced (eagerly, recording), or replayed. */
  readonly mode: 'eager' | 'traced' | 'replayed';
  /** Why the last call's shapes run eagerly for good; null when they are (or will be) compiled. */
  readonly reason: string | null;
  /** Plans built so far (one per argument shapes and backend). */
  readonly plans: number;
  readonly replays: number;
  /** Kernel calls in one replay of the last plan used. */
  readonly kernels: number;
  /** Of those, fused kernels that each stand for two or more traced ones (compiled/fuse.ts). */
  readonly fused: number;
}

export type CompiledStep<A extends Tensor[], R> = ((...args: A) => R) & {
  status(): CompiledStepStatus;
  /** Frees the plans and what they hold (constants); later calls trace again. */
  dispose(): void;
};

interface Pending {
  plan: Plan;
  retained: DataHandle[];
}

/** A plan ready to replay, with its kernel counts (for `status()`), taken once. */
interface Ready extends Pending {
  kernels: number;
  fused: number;
}

interface ShapeState {
  calls: number;
  first: Pending | null;
  ready: Ready | null;
  reason: string | null;
}

const FUSED_KERNELS: ReadonlySet<string> = new Set([...FUSION_RULES, ...READER_RULES].map((r) => r.fused));

/** Plans kept at once; a loop over ever new shapes would otherwise hold constants for each. */
const MAX_PLANS = 8;

export function compileStep<A extends Tensor[], R extends Tensor | Tensor[]>(
  fn: (...args: A) => R,
  options: CompileStepOptions = {},
): CompiledStep<A, R> {
  if (typeof fn !== 'function') throw new ArgumentError(`compileStep: expected a function, got ${typeof fn}`);
  const name = options.name ?? 'step';
  const onFallback = options.onFallback ?? ((reason: string) => console.warn(`compileStep: '${name}' runs eagerly: ${reason}`));
  const states = new Map<string, ShapeState>();
  let mode: CompiledStepStatus['mode'] = 'eager';
  let reason: string | null = null;
  let plans = 0;
  let replays = 0;
  let kernels = 0;
  let fused = 0;

  const release = (p: Pending | null): void => {
    if (p) for (const h of p.retained) ENGINE.releaseStorage(h);
  };
  const forget = (key: string): void => {
    const s = states.get(key);
    if (!s) return;
    release(s.first);
    release(s.ready);
    states.delete(key);
  };
  const giveUp = (state: ShapeState, why: string): void => {
    state.reason = why;
    reason = why;
    onFallback(why);
  };

  const call = (...args: A): R => {
    args.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw new ArgumentError(`${name}: argument ${i} must be a tensor, got ${typeof t}`);
      t.throwIfDisposed(name);
    });
    mode = 'eager';
    // Inside another trace the outer one records these ops; inside a gradient the tape needs them.
    if (recorder() !== null || ENGINE.tape !== null) return fn(...args);
    const key = shapeKey(args);
    let state = states.get(key);
    if (!state) {
      if (states.size >= MAX_PLANS) forget(states.keys().next().value as string);
      state = { calls: 0, first: null, ready: null, reason: null };
      states.set(key, state);
    }
    reason = state.reason;
    if (state.reason !== null) return fn(...args);
    if (state.ready) {
      if (canReplay(state.ready.plan, args)) {
        mode = 'replayed';
        replays++;
        kernels = state.ready.kernels;
        fused = state.ready.fused;
        const out = replay(state.ready.plan, args, ENGINE);
        return (state.ready.plan.single ? out[0] : out) as R;
      }
      // A variable was disposed or moved to another backend: start over for these shapes.
      forget(key);
      state = { calls: 0, first: null, ready: null, reason: null };
      states.set(key, state);
    }
    state.calls++;
    if (state.calls === 1) return fn(...args);
    mode = 'traced';
    const trace = new Trace(args);
    let result: R;
    try {
      result = recording(trace, () => fn(...args));
    } catch (err) {
      release({ plan: null as never, retained: trace.retained });
      throw err;
    }
    const plan = trace.finish(result);
    const pending = plan ? { plan, retained: trace.retained } : null;
    if (!pending) {
      release({ plan: null as never, retained: trace.retained });
      giveUp(state, trace.refused ?? 'the step could not be traced');
    } else if (!state.first) {
      state.first = pending;
    } else {
      const diff = planDifference(state.first.plan, pending.plan);
      release(state.first);
      state.first = null;
      if (diff !== null) {
        release(pending);
        giveUp(state, diff);
      } else {
        const nodes = pending.plan.nodes;
        state.ready = {
          ...pending,
          kernels: nodes.filter((n) => n.kind === 'kernel').length,
          fused: nodes.filter((n) => n.kind === 'kernel' && FUSED_KERNELS.has(n.kernel)).length,
        };
        plans++;
      }
    }
    return result;
  };

  return Object.assign(call, {
    status: (): CompiledStepStatus => ({ mode, reason, plans, replays, kernels, fused }),
    dispose: (): void => {
      for (const key of [...states.keys()]) forget(key);
    },
  });
}

function shapeKey(args: readonly Tensor[]): string {
  const where = args.length > 0 ? args[0].handle.backendName : ENGINE.getBackend();
  return `${where}|${args.map((t) => `${formatShape(t.shape)}${t.dtype}`).join('|')}`;
}

/**
 * Runs `fn` now; inside a compiled step, also at this point of every replay. For host-side
 * bookkeeping a step does besides kernels (an optimizer counting its iterations).
 */
export function everyStep(fn: () => void): void {
  fn();
  recorder()?.host(fn);
}
