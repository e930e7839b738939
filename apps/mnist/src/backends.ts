/**
 * Tensile backends are separate packages that register themselves when imported. The app imports
 * each one dynamically, so it runs with whichever are installed and build here, and says why the
 * others are missing instead of failing to start.
 */
import { getBackend, listBackends, ready, setBackend } from '@tensile/core';

/** Backend name -> the package that registers it. */
export const BACKEND_PACKAGES: Record<string, string> = {
  cpu: '@tensile/backend-cpu',
  wasm: '@tensile/backend-wasm',
  webgpu: '@tensile/backend-webgpu',
  webgl: '@tensile/backend-webgl',
  cuda: '@tensile/backend-cuda-node',
};

export interface ImportStatus {
  readonly name: string;
  readonly imported: boolean;
  /** Why the package could not be imported (not installed, not built, threw on import). */
  readonly error?: string;
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0];
}

/** Imports the backend packages (all known ones by default); never throws. */
export async function importBackends(names: readonly string[] = Object.keys(BACKEND_PACKAGES)): Promise<ImportStatus[]> {
  const out: ImportStatus[] = [];
  for (const name of names) {
    const pkg = BACKEND_PACKAGES[name];
    if (!pkg) {
      out.push({ name, imported: false, error: `no package is known for backend '${name}'` });
      continue;
    }
    try {
      const mod: { enableNodeRelaxedSimd?: () => Promise<boolean> } = await import(pkg);
      // This app opts in to wasm's FMA build on Node 20, where V8 keeps relaxed SIMD behind a
      // flag (Node 22+ has it on); the backend package leaves its host's flags alone otherwise.
      if (name === 'wasm') await mod.enableNodeRelaxedSimd?.();
      out.push({ name, imported: true });
    } catch (e) {
      const code = e instanceof Error && 'code' in e ? String(e.code) : '';
      const why = code === 'ERR_MODULE_NOT_FOUND' ? `${pkg} is not installed or not built` : `${pkg}: ${firstLine(e)}`;
      out.push({ name, imported: false, error: why });
    }
  }
  return out;
}

/** A known backend that cannot run here; the message is `<name>: unavailable — <why>`. */
export class BackendStartError extends Error {
  override name = 'BackendStartError';
  constructor(
    readonly backend: string,
    readonly reason: string,
  ) {
    // Backends prefix their own reasons with their name; say it once.
    super(`${backend}: unavailable — ${reason.startsWith(`${backend}: `) ? reason.slice(backend.length + 2) : reason}`);
  }
}

/**
 * Starts `name`, or the best backend that starts here when no name is given (`ready()` picks by
 * priority). Returns the active backend's name.
 */
export async function startBackend(name: string | undefined, imports: readonly ImportStatus[]): Promise<string> {
  if (name === undefined) {
    await ready();
    return getBackend();
  }
  const imp = imports.find((s) => s.name === name);
  if (imp && !imp.imported) throw new BackendStartError(name, imp.error ?? 'its package did not import');
  try {
    await setBackend(name);
  } catch (e) {
    const status = listBackends().find((b) => b.name === name);
    throw new BackendStartError(name, status?.error ?? firstLine(e));
  }
  return getBackend();
}

/** One line per backend: active, ready, or why it is not available. */
export function describeBackends(imports: readonly ImportStatus[]): string[] {
  const registered = listBackends();
  const lines: string[] = [];
  for (const imp of imports) {
    const reg = registered.find((b) => b.name === imp.name);
    if (!imp.imported) lines.push(`  ${imp.name.padEnd(7)} unavailable: ${imp.error}`);
    else if (!reg) lines.push(`  ${imp.name.padEnd(7)} imported but not registered`);
    else if (reg.active) lines.push(`  ${imp.name.padEnd(7)} active`);
    else if (reg.ready) lines.push(`  ${imp.name.padEnd(7)} ready`);
    else if (reg.error) lines.push(`  ${imp.name.padEnd(7)} not started: ${reg.error}`);
    else lines.push(`  ${imp.name.padEnd(7)} registered (priority ${reg.priority}), not started`);
  }
  return lines;
}
