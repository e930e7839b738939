/**
 * `http://` and `https://`: load model.json and its shards with fetch; save POSTs multipart form
 * data as TensorFlow.js' `http` handler. As on disk, model.json is not trusted: its shards must
 * come from model.json's own directory URL (same origin, a path below that directory, also after
 * redirects), and no body is read past the size model.json may have or the manifest describes.
 */
import { ModelFormatError } from '@tensile/core';
import {
  artifactsFromModelJSON,
  MAX_MODEL_JSON_BYTES,
  modelJSONFor,
  modelJSONTooLarge,
  parseModelJSON,
  shardSegments,
  shardSizeMismatch,
} from './model-json.js';
import { artifactsInfo, concatBuffers, type IOHandler, type ModelArtifacts, type SaveResult } from './types.js';

export interface HttpOptions {
  /** Extra fetch options (headers, credentials); the method is set by the handler. */
  requestInit?: RequestInit;
  /** A fetch to use instead of the global one. */
  fetchFunc?: typeof fetch;
}

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export function http(url: string, options: HttpOptions = {}): IOHandler {
  const doFetch = options.fetchFunc ?? globalThis.fetch;
  if (typeof doFetch !== 'function') throw new ModelFormatError('http handler: no fetch in this environment; pass options.fetchFunc');
  return {
    async load(): Promise<ModelArtifacts> {
      const response = await doFetch(url, { ...options.requestInit, method: 'GET' });
      if (!response.ok) {
        await response.body?.cancel();
        throw new ModelFormatError(`loadModel: GET ${url} failed with ${response.status} ${response.statusText}`);
      }
      const text = new TextDecoder().decode(
        await readBody(response, MAX_MODEL_JSON_BYTES, (bytes, atLeast) => modelJSONTooLarge(url, `${atLeast ? 'at least ' : ''}${bytes}`)),
      );
      const json = parseModelJSON(text, url);
      // The directory of model.json where it was finally served from (after any redirect).
      const folder = new URL('.', response.url || url);
      return artifactsFromModelJSON(json, url, async (group) => {
        const buffers: ArrayBuffer[] = [];
        const fetched: string[] = [];
        let total = 0;
        for (const path of group.paths) {
          const shardUrl = shardUrlFor(path, url, folder);
          fetched.push(shardUrl);
          const r = await doFetch(shardUrl, { ...options.requestInit, method: 'GET' });
          if (!r.ok) {
            await r.body?.cancel();
            throw new ModelFormatError(`loadModel: weight shard ${shardUrl} failed with ${r.status} ${r.statusText}`);
          }
          if (r.url && !isBelow(new URL(r.url), folder)) {
            await r.body?.cancel();
            throw new ModelFormatError(
              `loadModel: weight shard ${shardUrl} named in ${url} was redirected to ${r.url}, outside the model's folder ${folder.href}`,
            );
          }
          const before = total;
          const body = await readBody(r, group.byteLength - total, (bytes, atLeast) =>
            shardSizeMismatch(url, group, fetched, before + bytes, atLeast),
          );
          total += body.byteLength;
          buffers.push(body.buffer);
        }
        if (total !== group.byteLength) throw shardSizeMismatch(url, group, fetched, total);
        return buffers;
      });
    },
    async save(artifacts: ModelArtifacts): Promise<SaveResult> {
      const form = new FormData();
      const weightsName = 'model.weights.bin';
      const json = JSON.stringify(modelJSONFor(artifacts, [`./${weightsName}`]));
      form.append('model.json', new Blob([json], { type: 'application/json' }), 'model.json');
      form.append('model.weights.bin', new Blob([concatBuffers(artifacts.weightData)], { type: 'application/octet-stream' }), weightsName);
      const response = await doFetch(url, { ...options.requestInit, method: 'POST', body: form });
      if (!response.ok) throw new ModelFormatError(`save: POST ${url} failed with ${response.status} ${response.statusText}`);
      return { modelArtifactsInfo: artifactsInfo(artifacts), responses: [response] };
    },
  };
}

function isBelow(u: URL, folder: URL): boolean {
  return u.origin === folder.origin && u.pathname.startsWith(folder.pathname);
}

/** The URL of a shard path from model.json, refused unless it lies below model.json's folder. */
function shardUrlFor(path: string, source: string, folder: URL): string {
  shardSegments(path, source, folder.href);
  // A server may decode these before it resolves the path: '%2e%2e%2f' would be '../' there.
  if (/%(2e|2f|5c)/i.test(path)) {
    throw new ModelFormatError(
      `loadModel: ${source} names weight shard ${JSON.stringify(path)}, which hides '.', '/' or '\\' in percent-encoding; shard paths must be relative paths inside the model's folder ${folder.href}`,
    );
  }
  const u = new URL(path, folder);
  if (!isBelow(u, folder)) {
    throw new ModelFormatError(
      `loadModel: ${source} names weight shard ${JSON.stringify(path)}, which resolves to ${u.href}, outside the model's folder ${folder.href}`,
    );
  }
  return u.href;
}

/**
 * The body of `r`, refused (and the transfer cancelled) as soon as it is known to exceed `limit`
 * bytes: from Content-Length before any byte is read, else while it streams in.
 */
async function readBody(
  r: Response,
  limit: number,
  tooLarge: (bytes: number, atLeast: boolean) => Error,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(r.headers.get('content-length') ?? Number.NaN);
  if (Number.isSafeInteger(declared) && declared > limit) {
    await r.body?.cancel();
    throw tooLarge(declared, false);
  }
  if (!r.body) {
    // A fetchFunc whose responses have no stream: the size can only be checked once read.
    const all = new Uint8Array(await r.arrayBuffer());
    if (all.byteLength > limit) throw tooLarge(all.byteLength, false);
    return all;
  }
  const reader = r.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel();
      throw tooLarge(received, true);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
