/**
 * npm and node as a user runs them, from a test that itself runs under npm and turbo.
 */
import { spawnSync } from 'node:child_process';

/**
 * The environment of a command run outside the workspace. npm hands its scripts its own
 * settings as npm_config_* variables, among them `local_prefix` (the workspace package), which
 * a child npm would obey and install there; keep only those that say where and how to fetch.
 */
export function outsideEnv(): NodeJS.ProcessEnv {
  const keep = new Set([
    'npm_config_cache',
    'npm_config_userconfig',
    'npm_config_globalconfig',
    'npm_config_registry',
    'npm_config_cafile',
  ]);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_') && !keep.has(lower)) continue;
    if (key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return env;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[], cwd: string, timeoutMs: number, env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...outsideEnv(), ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) throw new Error(`${command} ${args.join(' ')} (in ${cwd}): ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command that must succeed, and says what it printed when it does not. */
export function runOk(command: string, args: readonly string[], cwd: string, timeoutMs: number): Run {
  const result = run(command, args, cwd, timeoutMs);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** The last line of a consumer script's output that is a JSON object: what it computed. */
export function lastJson(result: Run): Record<string, unknown> {
  const line = result.stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (line === undefined) throw new Error(`no JSON line in the output:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(line) as Record<string, unknown>;
}
