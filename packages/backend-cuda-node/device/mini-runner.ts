/**
 * The smallest describe/it/beforeAll/afterAll runner that `runConformanceSuite` needs, for the
 * bundled GPU check (no vitest on the GPU machine). Tests run one at a time in registration order.
 * Each failure is printed the moment it happens and each group ends with a running tally, so a
 * run killed by `timeout` still shows how far it got. The caller prints the summary line.
 */
import type { TestRunner } from '@tensile/core/testing';

type Fn = () => Promise<void> | void;

interface TestNode {
  readonly kind: 'test';
  readonly name: string;
  readonly fn: Fn;
  readonly skip: boolean;
}

interface SuiteNode {
  readonly kind: 'suite';
  readonly name: string;
  readonly children: (SuiteNode | TestNode)[];
  readonly beforeAll: Fn[];
  readonly afterAll: Fn[];
}

export interface RunCounts {
  passed: number;
  failed: number;
  skipped: number;
  /** Full names ('suite > group > case') and first message lines of the failures. */
  failures: { name: string; message: string }[];
  seconds: number;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}`;
  return String(err);
}

export class MiniRunner {
  private readonly root: SuiteNode = { kind: 'suite', name: '', children: [], beforeAll: [], afterAll: [] };
  private stack: SuiteNode[] = [this.root];
  private readonly counts: RunCounts = { passed: 0, failed: 0, skipped: 0, failures: [], seconds: 0 };
  private total = 0;
  private done = 0;
  /** How many failures in a row had the message of the one before. */
  private repeats = 0;

  /** The functions to hand to `runConformanceSuite`. */
  readonly api: TestRunner;

  /** `only` keeps the tests whose full name ('suite > group > case') it matches; the rest are
   *  not registered at all, so they count as neither run nor skipped. */
  constructor(
    private readonly log: (line: string) => void = (l) => console.log(l),
    private readonly only: RegExp | null = null,
  ) {
    const it = (name: string, fn: Fn) => this.add({ kind: 'test', name, fn, skip: false });
    const skip = (name: string, fn: () => void) => this.add({ kind: 'test', name, fn, skip: true });
    this.api = {
      describe: (name, fn) => {
        const suite: SuiteNode = { kind: 'suite', name, children: [], beforeAll: [], afterAll: [] };
        this.current().children.push(suite);
        this.stack.push(suite);
        try {
          fn();
        } finally {
          this.stack.pop();
        }
      },
      it: Object.assign(it, { skip }),
      beforeAll: (fn) => this.current().beforeAll.push(fn),
      afterAll: (fn) => this.current().afterAll.push(fn),
    };
  }

  private current(): SuiteNode {
    return this.stack[this.stack.length - 1];
  }

  private add(test: TestNode): void {
    const full = [...this.stack.map((s) => s.name).filter((n) => n !== ''), test.name].join(' > ');
    if (this.only !== null && !this.only.test(full)) return;
    this.current().children.push(test);
    this.total++;
  }

  private fail(name: string, err: unknown): void {
    const message = messageOf(err);
    const first = message.split('\n')[0];
    this.repeats = this.counts.failures.at(-1)?.message === first ? this.repeats + 1 : 0;
    this.counts.failed++;
    this.counts.failures.push({ name, message: first });
    // A backend that does not start fails every case with one message: print it once, name a
    // few more, then only count them (the group tallies still say how many).
    if (this.repeats > 0) {
      if (this.repeats <= 3) this.log(`FAIL ${name} (the same error as above)`);
      if (this.repeats === 3) this.log('     (further failures with this message are counted, not printed)');
      return;
    }
    this.log(`FAIL ${name}`);
    for (const line of message.split('\n').slice(0, 20)) this.log(`    ${line}`);
  }

  /** Runs everything registered so far, in order; resolves with the counts. */
  async run(): Promise<RunCounts> {
    const t0 = performance.now();
    await this.runSuite(this.root, []);
    this.counts.seconds = (performance.now() - t0) / 1000;
    return this.counts;
  }

  private async runSuite(suite: SuiteNode, path: string[]): Promise<void> {
    const here = suite.name ? [...path, suite.name] : path;
    let setupError: unknown = null;
    for (const fn of suite.beforeAll) {
      try {
        await fn();
      } catch (err) {
        setupError = err;
        break;
      }
    }
    const before = { ...this.counts };
    for (const child of suite.children) {
      if (child.kind === 'suite') {
        if (setupError !== null) this.failAll(child, here, setupError);
        else await this.runSuite(child, here);
        continue;
      }
      const name = [...here, child.name].join(' > ');
      this.done++;
      if (child.skip) {
        this.counts.skipped++;
        this.log(`skip ${name}`);
      } else if (setupError !== null) {
        this.fail(name, new Error(`beforeAll failed: ${messageOf(setupError)}`));
      } else {
        try {
          await child.fn();
          this.counts.passed++;
        } catch (err) {
          this.fail(name, err);
        }
      }
    }
    for (const fn of suite.afterAll) {
      try {
        await fn();
      } catch (err) {
        this.fail(`${here.join(' > ')} (afterAll)`, err);
      }
    }
    if (suite.children.some((c) => c.kind === 'test')) {
      const d = (k: 'passed' | 'failed' | 'skipped') => this.counts[k] - before[k];
      this.log(
        `  ${here.join(' > ')}: ${d('passed')} passed, ${d('failed')} failed, ${d('skipped')} skipped ` +
          `(${this.done}/${this.total} run, ${this.counts.failed} failed so far)`,
      );
    }
  }

  /** A suite whose parent's beforeAll threw: every test in it fails with that error. */
  private failAll(suite: SuiteNode, path: string[], err: unknown): void {
    const here = [...path, suite.name];
    for (const child of suite.children) {
      if (child.kind === 'suite') this.failAll(child, here, err);
      else {
        this.done++;
        if (child.skip) this.counts.skipped++;
        else this.fail([...here, child.name].join(' > '), new Error(`beforeAll failed: ${messageOf(err)}`));
      }
    }
  }
}
