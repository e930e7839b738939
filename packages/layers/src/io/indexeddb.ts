/**
 * `indexeddb://name` (browsers). Uses TensorFlow.js' database layout ('tensorflowjs', stores
 * 'models_store' and 'model_info_store', keyed by modelPath), so models saved by either library
 * load in the other. One transaction writes both records: a save is all or nothing.
 */
import { ModelFormatError } from '@tensile/core';
import { artifactsInfo, concatBuffers, type IOHandler, type ModelArtifacts, type SaveResult } from './types.js';

export const INDEXEDDB_SCHEME = 'indexeddb://';
const DATABASE_NAME = 'tensorflowjs';
const DATABASE_VERSION = 1;
const MODEL_STORE = 'models_store';
const INFO_STORE = 'model_info_store';

function factory(): IDBFactory {
  const idb = globalThis.indexedDB;
  if (!idb) throw new ModelFormatError('indexeddb://: IndexedDB is not available here (browsers only)');
  return idb;
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory().open(DATABASE_NAME, DATABASE_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(MODEL_STORE)) db.createObjectStore(MODEL_STORE, { keyPath: 'modelPath' });
      if (!db.objectStoreNames.contains(INFO_STORE)) db.createObjectStore(INFO_STORE, { keyPath: 'modelPath' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexeddb: open failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('indexeddb: transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('indexeddb: transaction aborted'));
  });
}

export function browserIndexedDB(modelPath: string): IOHandler {
  const key = modelPath.startsWith(INDEXEDDB_SCHEME) ? modelPath.slice(INDEXEDDB_SCHEME.length) : modelPath;
  if (key.length === 0) throw new ModelFormatError('indexeddb://: the model path is empty');
  return {
    async save(artifacts: ModelArtifacts): Promise<SaveResult> {
      const db = await openDatabase();
      try {
        const info = artifactsInfo(artifacts);
        const tx = db.transaction([INFO_STORE, MODEL_STORE], 'readwrite');
        tx.objectStore(INFO_STORE).put({ modelPath: key, modelArtifactsInfo: info });
        tx.objectStore(MODEL_STORE).put({
          modelPath: key,
          modelArtifacts: { ...artifacts, weightData: concatBuffers(artifacts.weightData) },
        });
        await done(tx);
        return { modelArtifactsInfo: info };
      } finally {
        db.close();
      }
    },
    async load(): Promise<ModelArtifacts> {
      const db = await openDatabase();
      try {
        const tx = db.transaction(MODEL_STORE, 'readonly');
        const request = tx.objectStore(MODEL_STORE).get(key);
        await done(tx);
        const record: unknown = request.result;
        if (!record || typeof record !== 'object' || !('modelArtifacts' in record)) {
          throw new ModelFormatError(`loadModel: no model at indexeddb://${key}`);
        }
        const artifacts = record.modelArtifacts;
        if (!artifacts || typeof artifacts !== 'object')
          throw new ModelFormatError(`loadModel: the record at indexeddb://${key} is corrupt`);
        return artifacts;
      } finally {
        db.close();
      }
    },
  };
}
