/**
 * `http://` and `https://`: load model.json and its shards with fetch (shard paths resolve
 * against model.json's URL); save POSTs multipart form data as TensorFlow.js' `http` handler.
 */
import { ModelFormatError } from '@tensile/core';
import { artifactsFromModelJSON, modelJSONFor, parseModelJSON } from './model-json.js';
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
      if (!response.ok) throw new ModelFormatError(`loadModel: GET ${url} failed with ${response.status} ${response.statusText}`);
      const json = parseModelJSON(await response.text(), url);
      return artifactsFromModelJSON(json, async (path) => {
        const shardUrl = new URL(path, url).toString();
        const r = await doFetch(shardUrl, { ...options.requestInit, method: 'GET' });
        if (!r.ok) throw new ModelFormatError(`loadModel: weight shard ${shardUrl} failed with ${r.status} ${r.statusText}`);
        return r.arrayBuffer();
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
