/** `io`: the IO handlers, as `tf.io`. */
import { browserDownloads } from './downloads.js';
import { fileSystem } from './file.js';
import { http } from './http.js';
import { browserIndexedDB } from './indexeddb.js';
import { fromMemory, withSaveHandler } from './memory.js';
import { decodeWeights, encodeWeights } from './weights.js';

export const io = {
  fileSystem,
  http,
  browserHTTPRequest: http,
  browserIndexedDB,
  browserDownloads,
  fromMemory,
  withSaveHandler,
  encodeWeights,
  decodeWeights,
};
export type * from './types.js';
