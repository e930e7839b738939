/**
 * Vitest global setup: `npm pack` once for every public package, into a temp folder that every
 * test file installs from (`inject('packed')`), removed when the run ends.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { runOk } from './npm.js';

/** The published packages, by folder under packages/. */
export const PUBLIC = ['core', 'backend-cpu', 'backend-wasm', 'backend-webgpu', 'layers'] as const;
export type Published = (typeof PUBLIC)[number];

export interface Packed {
  /** The folder holding the tarballs; the test files make their projects beside it. */
  readonly work: string;
  /** Package name (`@tensile/core`) -> tarball path and the files in it. */
  readonly tarballs: Record<string, { file: string; files: string[] }>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    packed: Packed;
  }
}

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export default function setup(project: TestProject): () => void {
  const work = mkdtempSync(join(tmpdir(), 'tensile-pack-'));
  const destination = join(work, 'tarballs');
  mkdirSync(destination);
  const result = runOk(
    'npm',
    ['pack', '--json', '--pack-destination', destination, ...PUBLIC.flatMap((p) => ['--workspace', `packages/${p}`])],
    root,
    120_000,
  );
  const reports = JSON.parse(result.stdout) as { name: string; filename: string; files: { path: string }[] }[];
  const tarballs: Packed['tarballs'] = {};
  for (const r of reports) tarballs[r.name] = { file: join(destination, r.filename), files: r.files.map((f) => f.path).sort() };
  project.provide('packed', { work, tarballs });
  return () => rmSync(work, { recursive: true, force: true });
}
