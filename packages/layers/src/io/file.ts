/**
 * `file://` (Node). Saving is atomic: the weights go to a new, uniquely named shard (written to
 * a temp file, synced, renamed), then model.json is written to a temp file, synced and renamed
 * over the old one; that rename is the commit. A crash at any point leaves either the previous
 * model.json with the shard it names, or the new pair. Shards no longer named are removed last.
 *
 * Loading trusts nothing in model.json (see file-shards.ts): shards are read only from inside the
 * model's folder, only from regular files, and only when their sizes are what the manifest says.
 */
import { ModelFormatError } from '@tensile/core';
import { readModelJSONFile, readShardGroup } from './file-shards.js';
import { artifactsFromModelJSON, modelJSONFor, parseModelJSON } from './model-json.js';
import { artifactsInfo, concatBuffers, type IOHandler, type ModelArtifacts, type SaveResult } from './types.js';

type Fs = typeof import('node:fs/promises');
type PathModule = typeof import('node:path');

/**
 * Loaded on first use so that importing the package in a browser does not pull in Node modules.
 * The names are held in variables so that bundlers (Vite, esbuild) leave these imports alone
 * instead of stubbing them with a warning in every browser build.
 */
async function node(): Promise<{ fs: Fs; path: PathModule }> {
  const fsName = 'node:fs/promises';
  const pathName = 'node:path';
  const [fs, path]: [Fs, PathModule] = await Promise.all([import(/* @vite-ignore */ fsName), import(/* @vite-ignore */ pathName)]);
  return { fs, path };
}

export const FILE_SCHEME = 'file://';

/** `file:///tmp/model` or `file:///tmp/model/model.json` -> the directory and model.json path. */
async function resolve(target: string): Promise<{ dir: string; jsonPath: string }> {
  const { path } = await node();
  const raw = target.startsWith(FILE_SCHEME) ? target.slice(FILE_SCHEME.length) : target;
  if (raw.length === 0) throw new ModelFormatError(`file handler: no path in ${JSON.stringify(target)}`);
  if (raw.endsWith('.json')) return { dir: path.dirname(raw), jsonPath: raw };
  return { dir: raw, jsonPath: path.join(raw, 'model.json') };
}

/** Writes `data` to a temp file next to `finalPath`, syncs it, and renames it into place. */
async function writeAtomic(fs: Fs, finalPath: string, data: Uint8Array): Promise<void> {
  const tmp = `${finalPath}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, finalPath);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

async function syncDir(fs: Fs, dir: string): Promise<void> {
  // Makes the renames durable; not every platform lets a directory be opened (Windows), so best effort.
  try {
    const h = await fs.open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    /* directory fsync is unsupported here */
  }
}

async function readJSONIfAny(fs: Fs, jsonPath: string): Promise<string | undefined> {
  try {
    return await fs.readFile(jsonPath, 'utf8');
  } catch {
    return undefined;
  }
}

export function fileSystem(target: string): IOHandler {
  return {
    async save(artifacts: ModelArtifacts): Promise<SaveResult> {
      const { fs, path } = await node();
      const { dir, jsonPath } = await resolve(target);
      await fs.mkdir(dir, { recursive: true });
      const previous = await readJSONIfAny(fs, jsonPath);
      const shard = `group1-shard1of1.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.bin`;
      await writeAtomic(fs, path.join(dir, shard), new Uint8Array(concatBuffers(artifacts.weightData)));
      const json = JSON.stringify(modelJSONFor(artifacts, [shard]));
      await writeAtomic(fs, jsonPath, new TextEncoder().encode(json));
      await syncDir(fs, dir);
      await removeOldShards(fs, path, dir, previous, shard);
      await removeStaleTemps(fs, path, dir);
      return { modelArtifactsInfo: artifactsInfo(artifacts) };
    },
    async load(): Promise<ModelArtifacts> {
      const { fs, path } = await node();
      const { dir, jsonPath } = await resolve(target);
      const json = parseModelJSON(await readModelJSONFile(fs, jsonPath), jsonPath);
      let root: string;
      try {
        root = await fs.realpath(path.resolve(dir));
      } catch (err) {
        throw new ModelFormatError(`loadModel: cannot resolve the model's folder ${dir}: ${(err as Error).message}`);
      }
      return artifactsFromModelJSON(json, jsonPath, (group) => readShardGroup({ fs, path, root, dir, jsonPath }, group));
    },
  };
}

/** Deletes the shards the previous model.json named, except the new one; failures are harmless. */
async function removeOldShards(fs: Fs, path: PathModule, dir: string, previousJSON: string | undefined, keep: string): Promise<void> {
  if (previousJSON === undefined) return;
  let paths: string[] = [];
  try {
    paths = parseModelJSON(previousJSON, 'previous model.json').weightsManifest.flatMap((g) => g.paths);
  } catch {
    return;
  }
  for (const p of paths) {
    const full = path.resolve(dir, p);
    // Only files inside the model's directory: a manifest must not make us delete elsewhere.
    if (p !== keep && path.dirname(full) === path.resolve(dir)) await fs.rm(full, { force: true }).catch(() => undefined);
  }
}

/** Removes temp files left by saves whose process died (the pid is in the name); ours are live. */
async function removeStaleTemps(fs: Fs, path: PathModule, dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch((): string[] => []);
  for (const name of names) {
    const m = /\.(\d+)\.[a-z0-9]*\.tmp$/.exec(name);
    if (m && !processAlive(Number(m[1]))) await fs.rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as { code?: string }).code === 'EPERM';
  }
}
