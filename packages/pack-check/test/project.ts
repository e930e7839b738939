/**
 * A project outside the workspace that installs packages as a user does: @tensile/* from the
 * tarballs of this run, anything else (webgpu@0.6.2, and the tarballs' own dependencies) from
 * npm's cache or the registry.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Packed } from './pack-tarballs.js';
import { runOk } from './npm.js';

export const INSTALL_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

/** What `npm install` gets for a name: the tarball for one of ours, else the name itself. */
export function installSpec(packed: Packed, spec: string): string {
  return packed.tarballs[spec]?.file ?? spec;
}

export function makeProject(packed: Packed, name: string, installs: readonly string[]): string {
  const dir = join(packed.work, name);
  mkdirSync(dir);
  // Node finds packages in any ancestor's node_modules: none may hold a copy of ours.
  for (let up = dirname(dir); up !== dirname(up); up = dirname(up)) {
    if (existsSync(join(up, 'node_modules')))
      throw new Error(`${up} has a node_modules folder: the project in ${dir} would not be isolated`);
  }
  // Dawn's postinstall only clears a macOS quarantine flag; the workspace declines it too.
  const manifest = { name, private: true, type: 'module', allowScripts: { webgpu: false } };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (installs.length > 0) runOk('npm', ['install', ...INSTALL_FLAGS, ...installs.map((s) => installSpec(packed, s))], dir, 180_000);
  return dir;
}
