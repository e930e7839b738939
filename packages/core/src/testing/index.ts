/**
 * `@tensile/core/testing`: the one conformance suite every backend runs. It compares each kernel
 * (through the public ops) with a float64 reference at many shapes and dtypes, checks every
 * gradient by finite differences, checks errors, random draws, in-place optimizer kernels and
 * memory behaviour, and fails any case that leaves tensors behind.
 *
 * A backend runs it from one test file, with its factory:
 *
 *   import { describe, it, beforeAll, afterAll } from 'vitest';
 *   import { runConformanceSuite } from '@tensile/core/testing';
 *   runConformanceSuite({ name: 'wasm', create: () => createWasmBackend() }, { describe, it, beforeAll, afterAll });
 *
 * The suite imports no test runner: anything with describe/it/beforeAll/afterAll works, and
 * `conformanceCases(options)` gives a flat list of `{group, name, run}` to drive by hand (in a
 * browser page, say): run them in order; the first starts the backend and the last removes it.
 * A case a backend cannot pass yet is skipped only from that backend's own file, with a reason:
 * `skip: {'conv2d/dilation 2': 'issue #12'}` (a key is 'group/name' or a whole group); it shows
 * in the log as `skipped: conv2d/dilation 2 — issue #12`.
 */
import type { Backend } from '../backend.js';
import { getBackend, listBackends, memory, registerBackend, removeBackend, setBackend } from '../globals.js';
import { ALL_CASES } from './cases/index.js';
import { undisposedTensors } from './undisposed.js';
import type { CaseContext, CaseDef, Tolerance } from './harness.js';

export type { CaseContext, Tolerance } from './harness.js';
export { checkGradients } from './grad-check.js';
export { contractCoverageProblems, recordDispatch, type DispatchRecord, type KernelCall, type KernelCaller } from './contract.js';
export { undisposedTensors } from './undisposed.js';
export { withoutOptionalKernels } from './without-optional-kernels.js';

export interface ConformanceOptions {
  /** Names the test suite and the registry entry (`conformance-<name>`). */
  readonly name: string;
  readonly create: () => Backend | Promise<Backend>;
  /** Forward results; default rtol 1e-4, atol 1e-5. */
  readonly tolerance?: Partial<Tolerance>;
  /** Analytic vs finite-difference gradients; default rtol 2e-2, atol 2e-3. */
  readonly gradTolerance?: Partial<Tolerance>;
  /** Cases (`group/name`) or whole groups to skip, each with the reason shown in the log. */
  readonly skip?: Readonly<Record<string, string>>;
  /** A second backend, for the cases that move tensors between backends; skipped without one. */
  readonly moveTarget?: () => Backend | Promise<Backend>;
}

/** What the suite needs of a test runner; vitest's and jest's functions fit. */
export interface TestRunner {
  describe(name: string, fn: () => void): void;
  /** vitest's and jest's `it.skip` is used for skipped cases, so they count as skipped, not passed. */
  it: ((name: string, fn: () => Promise<void> | void) => void) & { skip?: (name: string, fn: () => void) => void };
  beforeAll(fn: () => Promise<void> | void): void;
  afterAll(fn: () => Promise<void> | void): void;
}

export interface ConformanceCase {
  readonly group: string;
  readonly name: string;
  /** Set for a case the backend's options skipped; `name` gives the reason. */
  readonly skipped?: boolean;
  run(): Promise<void>;
}

export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-4, atol: 1e-5 };
export const DEFAULT_GRAD_TOLERANCE: Tolerance = { rtol: 2e-2, atol: 2e-3 };

/** Starts the backend under test (once) and removes it again; shared by all cases of a run. */
class Session {
  readonly ctx: CaseContext;
  private starting: Promise<void> | null = null;
  private previous: string | null = null;
  failures = 0;

  constructor(private readonly options: ConformanceOptions) {
    this.ctx = {
      tol: { ...DEFAULT_TOLERANCE, ...options.tolerance },
      gradTol: { ...DEFAULT_GRAD_TOLERANCE, ...options.gradTolerance },
      backendName: `conformance-${options.name}`,
      ...(options.moveTarget ? { moveTargetName: `conformance-${options.name}-target` } : {}),
    };
  }

  start(): Promise<void> {
    this.starting ??= this.doStart();
    return this.starting;
  }

  private async doStart(): Promise<void> {
    this.previous = listBackends().find((b) => b.active)?.name ?? null;
    const backend = await this.options.create();
    // Priority 0: the backend is used because the suite selects it, never by auto-selection.
    if (!registerBackend(this.ctx.backendName, () => backend, 0)) {
      throw new Error(`conformance: a backend named '${this.ctx.backendName}' is already registered; give each suite run its own name`);
    }
    const { moveTarget } = this.options;
    if (moveTarget && this.ctx.moveTargetName) {
      const target = await moveTarget();
      registerBackend(this.ctx.moveTargetName, () => target, 0);
    }
    await setBackend(this.ctx.backendName);
  }

  /** Moves every live tensor back where it came from (or leaves none) and unregisters. */
  async stop(): Promise<void> {
    if (!this.starting) return;
    await this.starting;
    this.starting = null;
    if (this.previous && this.previous !== this.ctx.backendName) await setBackend(this.previous);
    try {
      if (this.ctx.moveTargetName) removeBackend(this.ctx.moveTargetName);
      removeBackend(this.ctx.backendName);
    } catch (err) {
      // Failing cases may leave tensors they could not dispose; they are already reported.
      if (this.failures === 0) throw err;
    }
  }

  private counts(): { tensors: number; collected: number; dataIds: number } {
    const info = memory();
    return {
      tensors: undisposedTensors(),
      collected: info.numCollected,
      dataIds: info.backends[this.ctx.backendName]?.numDataIds ?? 0,
    };
  }

  /** The case body with start-up and the leak check around it. */
  wrap(def: CaseDef): () => Promise<void> {
    return async () => {
      await this.start();
      if (getBackend() !== this.ctx.backendName) await setBackend(this.ctx.backendName);
      const before = this.counts();
      try {
        await def.run(this.ctx);
      } catch (err) {
        this.failures++;
        throw err;
      }
      const after = this.counts();
      const leaked = after.tensors - before.tensors;
      // Storage the backend holds beyond what live tensors explain: a kernel that keeps scratch
      // buffers as data ids, or a disposeData that frees nothing.
      const stored = after.dataIds - before.dataIds;
      // The collector may free, during the case, the data of tensors that earlier code dropped:
      // fewer data ids is then no fault of the case.
      const collectedMeanwhile = after.collected > before.collected;
      if (leaked !== 0 || stored > 0 || (stored < 0 && !collectedMeanwhile)) {
        this.failures++;
        const what =
          leaked !== 0
            ? leaked > 0
              ? `left ${leaked} tensor(s) undisposed`
              : `disposed ${-leaked} tensor(s) it did not create`
            : `left the backend holding ${stored} more data id(s) than before, with no more live tensors`;
        throw new Error(`${def.group}/${def.name}: ${what}`);
      }
    };
  }
}

function caseId(def: { group: string; name: string }): string {
  return `${def.group}/${def.name}`;
}

interface Planned {
  readonly group: string;
  readonly name: string;
  readonly skipped?: boolean;
  readonly run: () => Promise<void>;
}

function plan(options: ConformanceOptions, session: Session): Planned[] {
  const skip = options.skip ?? {};
  const used = new Set<string>();
  const out: Planned[] = [];
  for (const def of ALL_CASES) {
    const id = caseId(def);
    const key = id in skip ? id : def.group in skip ? def.group : null;
    if (key !== null) used.add(key);
    const reason =
      key !== null ? skip[key] : def.needs === 'moveTarget' && !options.moveTarget ? 'no moveTarget backend in the options' : null;
    if (reason !== null) {
      out.push({ group: def.group, name: `skipped: ${id} — ${reason}`, skipped: true, run: async () => undefined });
    } else {
      out.push({ group: def.group, name: def.name, run: session.wrap(def) });
    }
  }
  const stale = Object.keys(skip).filter((k) => !used.has(k));
  const badReasons = Object.entries(skip).filter(([, r]) => typeof r !== 'string' || r.trim() === '');
  out.push({
    group: 'options',
    name: 'every skip names a case and gives a reason',
    run: async () => {
      if (stale.length) throw new Error(`conformance: skip keys that match no case or group: ${stale.join(', ')}`);
      if (badReasons.length) throw new Error(`conformance: skips without a reason: ${badReasons.map(([k]) => k).join(', ')}`);
    },
  });
  return out;
}

/** Registers the whole suite with a describe/it/beforeAll/afterAll test runner. */
export function runConformanceSuite(options: ConformanceOptions, runner: TestRunner): void {
  const session = new Session(options);
  const cases = plan(options, session);
  runner.describe(`conformance: ${options.name}`, () => {
    runner.beforeAll(() => session.start());
    runner.afterAll(() => session.stop());
    const groups = [...new Set(cases.map((c) => c.group))];
    for (const group of groups) {
      runner.describe(group, () => {
        for (const c of cases) {
          if (c.group !== group) continue;
          if (c.skipped && runner.it.skip) runner.it.skip(c.name, () => undefined);
          else runner.it(c.name, c.run);
        }
      });
    }
  });
}

/**
 * The suite as a flat list, for runners that are not describe/it-shaped. Run the cases in order:
 * the first starts and selects the backend, the last moves tensors back and removes it.
 */
export function conformanceCases(options: ConformanceOptions): ConformanceCase[] {
  const session = new Session(options);
  return [
    { group: 'setup', name: 'start the backend', run: () => session.start() },
    ...plan(options, session),
    { group: 'teardown', name: 'remove the backend', run: () => session.stop() },
  ];
}
