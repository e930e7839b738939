/**
 * Where a run of `npm run mnist` is written, and the check that it can be, made before training:
 * a run that trains for minutes and then cannot save loses its model.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliOptions } from './args.js';
import { userPath } from './user-path.js';

/** The output folder cannot be created or written; the message is one line for the user. */
export class RunDirError extends Error {
  override name = 'RunDirError';
  readonly exitCode = 1;
}

export function runDir(o: Pick<CliOptions, 'out'>): string {
  // runs/ and a relative --out belong where the user typed the command (user-path.ts).
  if (o.out !== undefined) return userPath(o.out);
  const stamp = new Date().toISOString().replace(/:/g, '-').replace(/\..*$/, '');
  let dir = userPath(join('runs', stamp));
  // Two runs started in the same second get separate directories.
  for (let i = 2; existsSync(dir); i++) dir = userPath(join('runs', `${stamp}-${i}`));
  return dir;
}

/**
 * Creates `dir` and writes and removes a probe file in it. Permission bits alone would not do:
 * root ignores them, and a read-only mount or a full disk shows only when something is written.
 */
export function ensureWritable(dir: string, flag: string): void {
  const probe = join(dir, `.write-probe-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, 'probe\n');
    rmSync(probe);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new RunDirError(`${flag} ${dir}: cannot write the run there (${reason}); nothing was trained`);
  }
}
