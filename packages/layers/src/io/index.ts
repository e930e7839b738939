/** `io`: the IO handlers, as `tf.io`. */
import { browserFiles } from './browser-files.js';
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
  browserFiles,
  fromMemory,
  withSaveHandler,
  encodeWeights,
  decodeWeights,
};
export type * from './types.js';
