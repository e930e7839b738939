/**
 * `io.browserFiles([jsonFile, ...weightFiles])`: loads from File objects, as TensorFlow.js'
 * `browserFiles` (what an `<input type="file" multiple>` gives; Node 20 has `File` too). The first
 * file is the model JSON, the others its weight shards, matched to the manifest's paths by
 * basename. The JSON is untrusted like any model.json: every shard it names must be given, no
 * file may be given that it does not name, and each group's files must hold exactly the bytes
 * the manifest describes, all checked from `File.size` before a byte of weights is read. The
 * paths are only compared with the names of files the user chose, never opened or fetched, so
 * they need not follow the folder rules of `shardSegments`.
 */
import { ArgumentError, ModelFormatError } from '@tensile/core';
import {
  artifactsFromModelJSON,
  MAX_MODEL_JSON_BYTES,
  modelJSONTooLarge,
  parseModelJSON,
  type ShardGroup,
  shardGroups,
  shardSizeMismatch,
} from './model-json.js';
import type { IOHandler, ModelArtifacts, ModelJSON } from './types.js';

const quote = (s: string): string => JSON.stringify(s);
const names = (files: readonly File[]): string => files.map((f) => quote(f.name)).join(', ');
const isJSONName = (name: string): boolean => /\.json$/i.test(name.trim());

/** The last '/'-separated name of a path, as TensorFlow.js' io `basename` (trimmed, trailing '/' dropped). */
function basename(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'string') return `the string ${quote(v)}`;
  if (typeof v !== 'object') return `${typeof v} ${String(v)}`;
  const name: unknown = Object.getPrototypeOf(v)?.constructor?.name;
  if (typeof name !== 'string' || name === '' || name === 'Object') return 'a plain object';
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}

function isFile(v: unknown): v is File {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Partial<File>;
  return typeof f.name === 'string' && typeof f.size === 'number' && typeof f.arrayBuffer === 'function';
}

/** The files as a list, refused unless it is a non-empty list of File objects with unique weight basenames. */
function checkFiles(files: ArrayLike<File>): File[] {
  const wanted = 'expected a list of File objects: the model JSON first, then its weight shards';
  if (files === null || typeof files !== 'object' || typeof files.length !== 'number')
    throw new ArgumentError(`browserFiles: ${wanted}; got ${describe(files)}`);
  const list = Array.from(files);
  if (list.length === 0) throw new ArgumentError(`browserFiles: ${wanted}; got an empty list`);
  list.forEach((f, i) => {
    if (!isFile(f)) throw new ArgumentError(`browserFiles: files[${i}] is ${describe(f)}, not a File; ${wanted}`);
  });
  const json = list.findIndex((f) => isJSONName(f.name));
  if (json > 0) {
    throw new ArgumentError(
      `browserFiles: files[0] is ${quote(list[0].name)} but files[${json}] is ${quote(list[json].name)}; the model JSON must come first, then its weight shards`,
    );
  }
  const seen = new Map<string, number>();
  list.forEach((f, i) => {
    if (i === 0) return;
    const base = basename(f.name);
    const earlier = seen.get(base);
    if (earlier !== undefined) {
      throw new ArgumentError(
        `browserFiles: files[${earlier}] (${quote(list[earlier].name)}) and files[${i}] (${quote(f.name)}) share the basename ${quote(base)}; weight shards are matched to the manifest's paths by basename, so each may be given once`,
      );
    }
    seen.set(base, i);
  });
  return list;
}

async function readBytes(file: File): Promise<ArrayBuffer> {
  try {
    return await file.arrayBuffer();
  } catch (err) {
    throw new ModelFormatError(`loadModel: browserFiles cannot read file ${quote(file.name)}: ${(err as Error).message}`);
  }
}

/** The model JSON from `file`, measured before it is read. */
async function readModelJSON(file: File, source: string, all: readonly File[]): Promise<ModelJSON> {
  // A first file not named .json is most likely a shard given in the JSON's place: say so, and
  // leave out the JSON parser's detail, which quotes the file's first bytes (binary, here).
  const hint = (err: ModelFormatError): ModelFormatError => {
    if (isJSONName(file.name)) return err;
    const invalid = `loadModel: ${source} is not valid JSON`;
    const what = err.message.startsWith(invalid) ? invalid : err.message;
    return new ModelFormatError(
      `${what}; browserFiles reads the first file as the model JSON, then its weight shards: got files ${names(all)}`,
    );
  };
  if (file.size > MAX_MODEL_JSON_BYTES) throw hint(modelJSONTooLarge(source, file.size));
  const text = new TextDecoder().decode(await readBytes(file));
  try {
    return parseModelJSON(text, source);
  } catch (err) {
    throw err instanceof ModelFormatError ? hint(err) : err;
  }
}

/** Each group's files, in the manifest's order; refuses a path with no file, a shared basename, or a file no path names. */
function matchShards(groups: readonly ShardGroup[], weightFiles: readonly File[], source: string): File[][] {
  const byBasename = new Map(weightFiles.map((f) => [basename(f.name), f]));
  const named = new Map<string, string>();
  const given =
    weightFiles.length === 0 ? 'no weight files were given, only the model JSON' : `the weight files given are ${names(weightFiles)}`;
  const matched = groups.map((g) =>
    g.paths.map((path) => {
      const base = basename(path);
      const earlier = named.get(base);
      if (earlier !== undefined) {
        throw new ModelFormatError(
          `loadModel: ${source} names weight shards ${quote(earlier)} and ${quote(path)}, which share the basename ${quote(base)}; browserFiles matches shards to files by basename, so it cannot tell them apart`,
        );
      }
      named.set(base, path);
      const file = byBasename.get(base);
      if (file === undefined) {
        throw new ModelFormatError(
          `loadModel: ${source} names weight shard ${quote(path)}, but browserFiles was given no file named ${quote(base)}; ${given}`,
        );
      }
      return file;
    }),
  );
  const unnamed = weightFiles.filter((f) => !named.has(basename(f.name)));
  if (unnamed.length > 0) {
    const paths = [...named.values()];
    throw new ModelFormatError(
      `loadModel: browserFiles was given ${unnamed.length === 1 ? 'weight file' : 'weight files'} ${names(unnamed)}, which ${source}'s weightsManifest does not name; it names ${paths.length === 0 ? 'no weight shards' : paths.map(quote).join(', ')}`,
    );
  }
  return matched;
}

export function browserFiles(files: ArrayLike<File>): IOHandler {
  const all = checkFiles(files);
  const [jsonFile, ...weightFiles] = all;
  return {
    async load(): Promise<ModelArtifacts> {
      const source = `browserFiles file ${quote(jsonFile.name)}`;
      const json = await readModelJSON(jsonFile, source, all);
      const groups = shardGroups(json, source);
      const matched = matchShards(groups, weightFiles, source);
      // Every group is sized before any shard is read: a wrong file costs no memory.
      for (const g of groups) {
        const shards = matched[g.index];
        const bytes = shards.reduce((n, f) => n + f.size, 0);
        if (bytes !== g.byteLength)
          throw shardSizeMismatch(
            source,
            g,
            shards.map((f) => quote(f.name)),
            bytes,
          );
      }
      return artifactsFromModelJSON(json, source, (g) => Promise.all(matched[g.index].map(readBytes)));
    },
  };
}
