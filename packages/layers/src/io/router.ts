/** Picks the handler for a URL: file://, http(s)://, indexeddb://, downloads://. */
import { ArgumentError } from '@tensile/core';
import { browserDownloads, DOWNLOADS_SCHEME } from './downloads.js';
import { fileSystem, FILE_SCHEME } from './file.js';
import { http, isHttpUrl } from './http.js';
import { browserIndexedDB, INDEXEDDB_SCHEME } from './indexeddb.js';
import type { IOHandler } from './types.js';

export type HandlerOrUrl = string | IOHandler;

function route(url: string, api: string): IOHandler {
  const lower = url.toLowerCase();
  if (lower.startsWith(FILE_SCHEME)) return fileSystem(url);
  if (isHttpUrl(url)) return http(url);
  if (lower.startsWith(INDEXEDDB_SCHEME)) return browserIndexedDB(url.slice(INDEXEDDB_SCHEME.length));
  if (lower.startsWith(DOWNLOADS_SCHEME)) return browserDownloads(url.slice(DOWNLOADS_SCHEME.length));
  throw new ArgumentError(
    `${api}: no handler for ${JSON.stringify(url)}; use file://, http(s)://, indexeddb://, downloads:// or an IO handler`,
  );
}

export function getSaveHandler(target: HandlerOrUrl): IOHandler & Required<Pick<IOHandler, 'save'>> {
  const h = typeof target === 'string' ? route(target, 'save') : target;
  const save = h?.save;
  if (typeof save !== 'function')
    throw new ArgumentError(`save: ${typeof target === 'string' ? target : 'the handler'} cannot save (it has no save method)`);
  return { ...h, save: save.bind(h) };
}

export function getLoadHandler(source: HandlerOrUrl): IOHandler & Required<Pick<IOHandler, 'load'>> {
  const h = typeof source === 'string' ? route(source, 'loadModel') : source;
  const load = h?.load;
  if (typeof load !== 'function')
    throw new ArgumentError(`loadModel: ${typeof source === 'string' ? source : 'the handler'} cannot load (it has no load method)`);
  return { ...h, load: load.bind(h) };
}
