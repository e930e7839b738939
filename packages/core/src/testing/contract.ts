/**
 * The contract as a run exercised it: which kernels were dispatched (by the backend, or by core's
 * decomposition), which gradients ran, and which kernels each gradient called itself. A backend's
 * test records a conformance run with `recordDispatch` and asserts that nothing below is missing.
 */
import { observeDispatch, type KernelCall } from '../dispatch.js';
import { GRADIENTS } from '../gradients/index.js';
import { KERNEL_NAMES } from '../kernels/names.js';
import type { KernelName } from '../kernels/signatures.js';

export type { KernelCall, KernelCaller } from '../dispatch.js';

/** Counts of what a run dispatched, kept while recording (a run makes many calls: none is stored). */
export class DispatchRecord {
  private readonly ranKernel = new Map<KernelName, number>();
  private readonly ranDecomposition = new Map<KernelName, number>();
  private readonly gradientRuns = new Map<KernelName, number>();
  private readonly gradientUses = new Map<KernelName, Set<KernelName>>();
  private readonly unobserve: () => void;

  constructor() {
    this.unobserve = observeDispatch({ call: (c) => this.call(c), gradient: (k) => bump(this.gradientRuns, k) });
  }

  /** Stops recording; the counts stay. */
  stop(): void {
    this.unobserve();
  }

  /** Calls the backend ran with its own kernel. */
  kernelRuns(kernel: KernelName): number {
    return this.ranKernel.get(kernel) ?? 0;
  }

  /** Calls of `kernel` that core's decomposition ran because the backend lacks it. */
  decompositionRuns(kernel: KernelName): number {
    return this.ranDecomposition.get(kernel) ?? 0;
  }

  /** Input gradients the gradient of `kernel` computed. */
  gradientRunsOf(kernel: KernelName): number {
    return this.gradientRuns.get(kernel) ?? 0;
  }

  /** The kernels the gradient of `kernel` called itself, sorted (not those inside a decomposition it fell back to). */
  gradientCalls(kernel: KernelName): KernelName[] {
    return [...(this.gradientUses.get(kernel) ?? [])].sort();
  }

  private call(c: KernelCall): void {
    bump(c.ran === 'kernel' ? this.ranKernel : this.ranDecomposition, c.kernel);
    if (c.caller?.kind !== 'gradient') return;
    let uses = this.gradientUses.get(c.caller.kernel);
    if (uses === undefined) this.gradientUses.set(c.caller.kernel, (uses = new Set()));
    uses.add(c.kernel);
  }
}

function bump(counts: Map<KernelName, number>, kernel: KernelName): void {
  counts.set(kernel, (counts.get(kernel) ?? 0) + 1);
}

/** Starts recording every kernel call and gradient, until `stop()`. */
export function recordDispatch(): DispatchRecord {
  return new DispatchRecord();
}

/**
 * What a complete conformance run should have done and did not: a kernel never dispatched, a
 * gradient never run, a gradient whose calls differ from the `uses` its definition declares.
 * Empty when the run covered the whole contract. Meaningful for a run of the whole suite only:
 * a skipped or filtered case shows up as missing coverage.
 */
export function contractCoverageProblems(record: DispatchRecord): string[] {
  const problems: string[] = [];
  for (const kernel of KERNEL_NAMES) {
    if (record.kernelRuns(kernel) + record.decompositionRuns(kernel) === 0) {
      problems.push(`${kernel}: no conformance case dispatched it`);
    }
    const entry = GRADIENTS[kernel];
    if ('none' in entry) continue;
    if (record.gradientRunsOf(kernel) === 0) {
      problems.push(`${kernel}: its gradient never ran; add a gradient case (cases/grad-*.cases.ts)`);
      continue;
    }
    const called = record.gradientCalls(kernel);
    const declared = [...entry.uses].sort();
    if (called.join() !== declared.join()) {
      problems.push(
        `${kernel}: its gradient declares uses [${declared.join(', ')}] but called [${called.join(', ')}]; write the uses as ${JSON.stringify(called)}`,
      );
    }
  }
  return problems;
}
