/**
 * The backend registry: registration by priority, starting (once, shared by concurrent callers),
 * auto-selection (synchronous where a backend can start synchronously), and which backend is
 * active. Moving tensors between backends is the engine's part (engine.ts).
 */
import type { Backend, BackendFactory } from './backend.js';
import { otherCopiesNote } from './core-copies.js';
import { BackendUnavailableError, TensileError } from './errors.js';

export interface BackendStatus {
  readonly name: string;
  readonly priority: number;
  /** The backend that new tensors go to. */
  readonly active: boolean;
  /** It was started and is usable. */
  readonly ready: boolean;
  /** Why it could not start (or why auto-selection passed it over), if it was tried. */
  readonly error?: string;
}

interface Registration {
  readonly name: string;
  readonly factory: BackendFactory;
  readonly priority: number;
  instance?: Backend;
  starting?: Promise<Backend>;
  error?: string;
}

class NotStartedError extends BackendUnavailableError {}

export class BackendRegistry {
  private readonly registry = new Map<string, Registration>();
  /** The active backend's name, once one is chosen. */
  activeName: string | null = null;

  register(name: string, factory: BackendFactory, priority = 1): boolean {
    if (this.registry.has(name)) return false;
    this.registry.set(name, { name, factory, priority });
    return true;
  }

  /** Forgets a backend and disposes it if it was started (the engine checks it holds no tensors). */
  remove(name: string): void {
    const reg = this.registry.get(name);
    if (!reg) return;
    reg.instance?.dispose();
    this.registry.delete(name);
    if (this.activeName === name) this.activeName = null;
  }

  has(name: string): boolean {
    return this.registry.has(name);
  }

  list(): BackendStatus[] {
    return this.byPriority().map((r) => ({
      name: r.name,
      priority: r.priority,
      active: r.name === this.activeName,
      ready: r.instance !== undefined,
      ...(r.error !== undefined ? { error: r.error } : {}),
    }));
  }

  /** Starts the best registered backend that can start here (highest priority first). */
  async ready(): Promise<void> {
    if (this.activeName) return;
    for (const reg of this.byPriority()) {
      try {
        await this.start(reg, false);
        if (!this.activeName) this.activeName = reg.name;
        return;
      } catch {
        // reason kept in reg.error; try the next one
      }
    }
    throw this.noBackendError();
  }

  /** The active backend's name, choosing one synchronously if none is yet. */
  activeOrAuto(): string {
    return this.activeName ?? this.autoSelectSync().name;
  }

  /**
   * Starts `name` as asked for by name (software adapters and the like allowed); `op` names the
   * call in the error when no such backend is registered.
   */
  async startByName(name: string, op: string): Promise<Backend> {
    const reg = this.registry.get(name);
    if (!reg) {
      throw new BackendUnavailableError(
        `${op}: no backend named '${name}' is registered; registered: ${[...this.registry.keys()].join(', ') || 'none'} (install and import @tensile/backend-${name})${otherCopiesNote()}`,
      );
    }
    return this.start(reg, true);
  }

  /** The backends started so far, by name. */
  started(): [string, Backend][] {
    return [...this.registry.values()].flatMap((r) => (r.instance ? [[r.name, r.instance] as [string, Backend]] : []));
  }

  /** The started instance of `name`. */
  /** The backend chosen or switched to, if it has started; starts nothing. */
  activeInstance(): Backend | undefined {
    return this.activeName === null ? undefined : this.registry.get(this.activeName)?.instance;
  }

  instance(name: string): Backend {
    const reg = this.registry.get(name);
    if (!reg?.instance) throw new BackendUnavailableError(`backend '${name}' has not started; call \`await setBackend('${name}')\``);
    return reg.instance;
  }

  private byPriority(): Registration[] {
    return [...this.registry.values()].sort((a, b) => b.priority - a.priority);
  }

  private noBackendError(): BackendUnavailableError {
    const reasons = this.byPriority().map((r) => `${r.name}: ${r.error ?? 'not tried'}`);
    return new BackendUnavailableError(
      (reasons.length === 0
        ? 'no backend is registered: install and import one, e.g. `import "@tensile/backend-cpu"`'
        : `no backend could start (${reasons.join('; ')})`) + otherCopiesNote(),
    );
  }

  private async start(reg: Registration, explicit: boolean): Promise<Backend> {
    if (reg.instance) return reg.instance;
    if (!reg.starting) {
      reg.starting = (async () => {
        const backend = await reg.factory({ explicit });
        await backend.init();
        return backend;
      })();
    }
    try {
      reg.instance = await reg.starting;
      delete reg.error;
      return reg.instance;
    } catch (err) {
      reg.starting = undefined;
      reg.error = err instanceof Error ? err.message : String(err);
      throw err instanceof TensileError ? err : new BackendUnavailableError(`${reg.name}: ${reg.error}`);
    }
  }

  /**
   * Ops called before `await ready()` start the best backend if it can start synchronously
   * (cpu can); a backend that needs to await (wasm, GPUs) is started in the background and the
   * caller is told to `await ready()`.
   */
  private autoSelectSync(): Registration {
    for (const reg of this.byPriority()) {
      if (reg.instance) {
        this.activeName = reg.name;
        return reg;
      }
      if (reg.error !== undefined) continue;
      if (reg.starting) throw this.notStartedError();
      try {
        const made = reg.factory({ explicit: false });
        if (made instanceof Promise) {
          reg.starting = made.then(async (b) => {
            await b.init();
            return b;
          });
          reg.starting.catch(() => undefined);
          throw this.notStartedError();
        }
        const init = made.init();
        if (init instanceof Promise) {
          reg.starting = init.then(() => made);
          reg.starting.catch(() => undefined);
          throw this.notStartedError();
        }
        reg.instance = made;
        this.activeName = reg.name;
        return reg;
      } catch (err) {
        if (err instanceof NotStartedError) throw err;
        reg.error = err instanceof Error ? err.message : String(err);
      }
    }
    throw this.noBackendError();
  }

  private notStartedError(): NotStartedError {
    return new NotStartedError(
      `no backend has started yet: call \`await ready()\` (or \`await setBackend(name)\`) before the first op; registered: ${[...this.registry.keys()].join(', ')}`,
    );
  }
}
