/**
 * Reading model.json and its weight shards from disk without trusting what model.json says.
 * A shard path must name a regular file inside the model's folder, after symbolic links are
 * resolved; the sizes of a group's files, taken from the open handles (so a file swapped after
 * the check is still the one measured), must add up to what the manifest's shapes and dtypes
 * describe. Only then is anything allocated or read, so `../other/model.bin` cannot load foreign
 * weights and `/dev/zero` cannot make the process grow until the kernel kills it.
 */
import { ModelFormatError } from '@tensile/core';
import type { FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { MAX_MODEL_JSON_BYTES, modelJSONTooLarge, shardSegments, shardSizeMismatch, type ShardGroup } from './model-json.js';

type Fs = typeof import('node:fs/promises');
type PathModule = typeof import('node:path');

export interface ShardContext {
  fs: Fs;
  path: PathModule;
  /** The model's folder with every symbolic link resolved. */
  root: string;
  /** The folder as the caller named it, for messages. */
  dir: string;
  jsonPath: string;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Flags for opening a checked file: no following a link swapped in since, no blocking on a pipe. */
function openFlags(fs: Fs): number {
  const c = fs.constants;
  return c.O_RDONLY | (c.O_NOFOLLOW ?? 0) | (c.O_NONBLOCK ?? 0);
}

async function readExactly(handle: FileHandle, size: number, name: string): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Uint8Array(size);
  for (let at = 0; at < size; ) {
    const { bytesRead } = await handle.read(out, at, size - at, at);
    if (bytesRead === 0) throw new ModelFormatError(`loadModel: ${name} shrank while it was read (${at} of ${size} bytes)`);
    at += bytesRead;
  }
  return out;
}

/** model.json's text: a regular file of at most MAX_MODEL_JSON_BYTES, measured before it is read. */
export async function readModelJSONFile(fs: Fs, jsonPath: string): Promise<string> {
  const check = (st: Stats): void => {
    if (!st.isFile()) throw new ModelFormatError(`loadModel: ${jsonPath} is ${kindOf(st)}, not a regular file; expected a model.json file`);
    if (st.size > MAX_MODEL_JSON_BYTES) throw modelJSONTooLarge(jsonPath, st.size);
  };
  let handle: FileHandle;
  try {
    // stat first: opening a device can itself do something (a tape rewinds), so only files are opened.
    check(await fs.stat(jsonPath));
    handle = await fs.open(jsonPath, openFlags(fs) & ~(fs.constants.O_NOFOLLOW ?? 0));
  } catch (err) {
    if (err instanceof ModelFormatError) throw err;
    throw new ModelFormatError(`loadModel: cannot read ${jsonPath}: ${(err as Error).message}`);
  }
  try {
    const st = await handle.stat();
    check(st);
    return new TextDecoder().decode(await readExactly(handle, st.size, jsonPath));
  } finally {
    await handle.close();
  }
}

function inside(path: PathModule, root: string, real: string): boolean {
  const rel = path.relative(root, real);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** Opens one shard after checking where it is and what it is; returns the handle and its size. */
async function openShard(ctx: ShardContext, shard: string): Promise<{ handle: FileHandle; size: number; real: string }> {
  const { fs, path, jsonPath } = ctx;
  const full = path.join(ctx.root, ...shardSegments(shard, jsonPath, ctx.dir));
  let real: string;
  try {
    real = await fs.realpath(full);
  } catch (err) {
    throw new ModelFormatError(`loadModel: missing weight shard ${full} named in ${jsonPath}: ${(err as Error).message}`);
  }
  if (!inside(path, ctx.root, real)) {
    throw new ModelFormatError(
      `loadModel: weight shard ${JSON.stringify(shard)} named in ${jsonPath} resolves to ${real}, outside the model's folder ${ctx.dir} (a symbolic link out of it?)`,
    );
  }
  const notFile = (st: Stats) =>
    new ModelFormatError(`loadModel: weight shard ${JSON.stringify(shard)} named in ${jsonPath} is ${kindOf(st)}, not a regular file`);
  let handle: FileHandle;
  try {
    const st = await fs.stat(real);
    if (!st.isFile()) throw notFile(st);
    handle = await fs.open(real, openFlags(fs));
  } catch (err) {
    if (err instanceof ModelFormatError) throw err;
    throw new ModelFormatError(`loadModel: cannot open weight shard ${real} named in ${jsonPath}: ${(err as Error).message}`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw notFile(st);
    return { handle, size: st.size, real };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** Reads one group's shards, in order, once all of them are open and their sizes add up. */
export async function readShardGroup(ctx: ShardContext, group: ShardGroup): Promise<ArrayBuffer[]> {
  const open: { handle: FileHandle; size: number; real: string }[] = [];
  try {
    let total = 0;
    for (const shard of group.paths) {
      const s = await openShard(ctx, shard);
      open.push(s);
      total += s.size;
      if (total > group.byteLength) {
        throw shardSizeMismatch(
          ctx.jsonPath,
          group,
          open.map((o) => o.real),
          total,
          open.length < group.paths.length,
        );
      }
    }
    if (total !== group.byteLength)
      throw shardSizeMismatch(
        ctx.jsonPath,
        group,
        open.map((o) => o.real),
        total,
      );
    const buffers: ArrayBuffer[] = [];
    for (const s of open) buffers.push((await readExactly(s.handle, s.size, s.real)).buffer);
    return buffers;
  } finally {
    await Promise.all(open.map((s) => s.handle.close()));
  }
}
